package dev.punchline.turn.client;

import dev.punchline.turn.server.ListenAddress;
import dev.punchline.turn.server.Transport;
import dev.punchline.turn.server.TurnServer;
import dev.punchline.turn.server.TurnServerConfig;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Our TURN server on loopback, set up as {@link TurnServerUnderTest} describes. */
public final class OurTurnServer implements TurnServerUnderTest {
    static final Duration ALLOCATION_LIFETIME = Duration.ofSeconds(6);
    static final Duration PERMISSION_LIFETIME = Duration.ofSeconds(4);
    static final Duration CHANNEL_LIFETIME = Duration.ofSeconds(6);
    static final Duration NONCE_LIFETIME = Duration.ofSeconds(5);
    private static final String USER = "alice";
    private static final String PASSWORD = "wonderland";
    private static final String SECRET = "rest-shared-secret";
    /** Link-local, where cloud metadata services live: refused even with loopback peers allowed. */
    private static final InetAddress REFUSED = TestAddresses.of("169.254.169.254");

    /** One certificate for all the servers a test run starts: making an RSA key takes a while. */
    private static SelfSignedCertificate certificate;

    private Map<TransportProtocol, InetSocketAddress> listening;
    private TurnServer server;

    private OurTurnServer() {
    }

    private static synchronized SelfSignedCertificate certificate() throws CertificateException {
        if (certificate == null) {
            certificate = new SelfSignedCertificate("localhost");
            certificate.certificate().deleteOnExit();
            certificate.privateKey().deleteOnExit();
        }
        return certificate;
    }

    public static OurTurnServer start() throws Exception {
        certificate();
        OurTurnServer s = new OurTurnServer();
        InetSocketAddress anyPort = new InetSocketAddress(TestAddresses.LOOPBACK, 0);
        s.startOn(anyPort, anyPort, anyPort);
        return s;
    }

    private void startOn(InetSocketAddress udp, InetSocketAddress tcp, InetSocketAddress tls) throws Exception {
        server = TurnServer.start(TurnServerConfig.builder()
                .listen(ListenAddress.udp(udp))
                .listen(ListenAddress.tcp(tcp))
                .listen(ListenAddress.tls(tls))
                .tlsCertificate(certificate.certificate().toPath())
                .tlsPrivateKey(certificate.privateKey().toPath())
                .relayIp(TestAddresses.LOOPBACK)
                .allowPeer("127.0.0.0/8")
                .user(USER, PASSWORD)
                .authSecret(SECRET)
                .realm("test.local")
                .maxLifetime(ALLOCATION_LIFETIME)
                .defaultLifetime(ALLOCATION_LIFETIME)
                .permissionLifetime(PERMISSION_LIFETIME)
                .channelLifetime(CHANNEL_LIFETIME)
                .nonceLifetime(NONCE_LIFETIME)
                .eventLoopThreads(1)
                .build());
        listening = Map.of(TransportProtocol.UDP, bound(Transport.UDP), TransportProtocol.TCP, bound(Transport.TCP),
                TransportProtocol.TLS, bound(Transport.TLS));
    }

    private InetSocketAddress bound(Transport transport) {
        return server.listeners().stream().filter(l -> l.transport() == transport).findFirst().orElseThrow().address();
    }

    @Override
    public Optional<InetSocketAddress> address(TransportProtocol protocol) {
        return Optional.ofNullable(listening.get(protocol));
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public String restSecret() {
        return SECRET;
    }

    @Override
    public InetAddress refusedPeer() {
        return REFUSED;
    }

    @Override
    public Duration allocationLifetime() {
        return ALLOCATION_LIFETIME;
    }

    @Override
    public TurnClientConfig.Builder clientConfig(InetSocketAddress address, TransportProtocol protocol) {
        return TurnClientConfig.builder(address)
                .protocol(protocol)
                .credentials(USER, PASSWORD)
                .permissionLifetime(PERMISSION_LIFETIME)
                .channelLifetime(CHANNEL_LIFETIME)
                .tlsTrust(TlsTrust.pemCertificates(certificate.certificate().toPath()))
                .tlsServerName("localhost");
    }

    @Override
    public void kill() {
        server.close();
    }

    @Override
    public void restart() throws Exception {
        server.close();
        startOn(listening.get(TransportProtocol.UDP), listening.get(TransportProtocol.TCP),
                listening.get(TransportProtocol.TLS));
    }

    @Override
    public void close() {
        server.close();
    }
}
