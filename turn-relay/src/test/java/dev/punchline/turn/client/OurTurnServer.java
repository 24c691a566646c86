package dev.punchline.turn.client;

import dev.punchline.turn.server.ListenAddress;
import dev.punchline.turn.server.Transport;
import dev.punchline.turn.server.TurnServer;
import dev.punchline.turn.server.TurnServerConfig;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.util.Map;
import java.util.Optional;

/** Our TURN server on loopback, set up as {@link TurnServerUnderTest} describes. */
public final class OurTurnServer extends ScenarioServer {
    /** Link-local, where cloud metadata services live: refused even with loopback peers allowed. */
    private static final InetAddress REFUSED = TestAddresses.of("169.254.169.254");

    /** One certificate for all the servers a test run starts: making an RSA key takes a while. */
    private static SelfSignedCertificate certificate;

    private final TurnServer server;
    private final Map<TransportProtocol, InetSocketAddress> listening;

    private OurTurnServer(TurnServer server) {
        this.server = server;
        listening = Map.of(TransportProtocol.UDP, bound(Transport.UDP), TransportProtocol.TCP, bound(Transport.TCP),
                TransportProtocol.TLS, bound(Transport.TLS));
    }

    static synchronized SelfSignedCertificate certificate() throws CertificateException {
        if (certificate == null) {
            certificate = new SelfSignedCertificate("localhost");
            certificate.certificate().deleteOnExit();
            certificate.privateKey().deleteOnExit();
        }
        return certificate;
    }

    public static OurTurnServer start() throws Exception {
        SelfSignedCertificate tls = certificate();
        InetSocketAddress anyPort = new InetSocketAddress(TestAddresses.LOOPBACK, 0);
        return new OurTurnServer(TurnServer.start(TurnServerConfig.builder()
                .listen(ListenAddress.udp(anyPort))
                .listen(ListenAddress.tcp(anyPort))
                .listen(ListenAddress.tls(anyPort))
                .tlsCertificate(tls.certificate().toPath())
                .tlsPrivateKey(tls.privateKey().toPath())
                .relayIp(TestAddresses.LOOPBACK)
                .relayIp(TestAddresses.LOOPBACK_IPV6)
                .allowPeer("127.0.0.0/8")
                .allowPeer("::1/128")
                .user(USER, PASSWORD)
                .authSecret(SECRET)
                .realm("test.local")
                .maxLifetime(ALLOCATION_LIFETIME)
                .defaultLifetime(ALLOCATION_LIFETIME)
                .permissionLifetime(PERMISSION_LIFETIME)
                .channelLifetime(CHANNEL_LIFETIME)
                .nonceLifetime(NONCE_LIFETIME)
                .eventLoopThreads(1)
                .build()));
    }

    private InetSocketAddress bound(Transport transport) {
        return server.listeners().stream().filter(l -> l.transport() == transport).findFirst().orElseThrow().address();
    }

    @Override
    public Optional<InetSocketAddress> address(TransportProtocol protocol) {
        return Optional.ofNullable(listening.get(protocol));
    }

    @Override
    public boolean relaysIpv6() {
        return true;
    }

    @Override
    public InetAddress refusedPeer() {
        return REFUSED;
    }

    @Override
    public TurnClientConfig.Builder clientConfig(InetSocketAddress address, TransportProtocol protocol) {
        return super.clientConfig(address, protocol)
                .tlsTrust(TlsTrust.pemCertificates(certificate.certificate().toPath()))
                .tlsServerName("localhost");
    }

    @Override
    public void kill() {
        server.close();
    }

    @Override
    public void close() {
        server.close();
    }
}
