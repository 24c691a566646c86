package dev.punchline.it;

import dev.punchline.it.support.Coturn;
import dev.punchline.turn.client.ScenarioServer;
import dev.punchline.turn.client.TestAddresses;
import dev.punchline.turn.client.TlsTrust;
import dev.punchline.turn.client.TransportProtocol;
import dev.punchline.turn.client.TurnClientConfig;
import dev.punchline.turn.server.SelfSignedPem;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * coturn's turnserver with the scenarios' settings ({@link ScenarioServer}) and one loopback address
 * denied. coturn 4.6.1 refuses static users once
 * {@code --use-auth-secret} is on, so an instance takes either static or REST credentials.
 */
final class CoturnServer extends ScenarioServer {
    /** coturn allows every loopback peer with --allow-loopback-peers; this one it is told to deny. */
    private static final InetAddress REFUSED = TestAddresses.of("127.0.0.9");

    private final Coturn coturn;
    private final Map<TransportProtocol, InetSocketAddress> listening;

    private CoturnServer(Coturn coturn) {
        this.coturn = coturn;
        listening = Map.of(TransportProtocol.UDP, coturn.address(), TransportProtocol.TCP, coturn.address(),
                TransportProtocol.TLS, coturn.tlsAddress());
    }

    static CoturnServer withStaticUser() {
        return start(Coturn.builder().user(USER, PASSWORD));
    }

    static CoturnServer withRestSecret() {
        return start(Coturn.builder().authSecret(SECRET));
    }

    private static CoturnServer start(Coturn.Builder builder) {
        return new CoturnServer(builder
                .extraArgs("--max-allocate-lifetime=" + ALLOCATION_LIFETIME.toSeconds(),
                        "--permission-lifetime=" + PERMISSION_LIFETIME.toSeconds(),
                        "--channel-lifetime=" + CHANNEL_LIFETIME.toSeconds(),
                        "--stale-nonce=" + NONCE_LIFETIME.toSeconds(),
                        "--denied-peer-ip=" + REFUSED.getHostAddress())
                .start());
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
    public TurnClientConfig.Builder clientConfig(InetSocketAddress address, TransportProtocol protocol) {
        return super.clientConfig(address, protocol)
                .tlsTrust(TlsTrust.pemCertificates(coturn.certificate()))
                .tlsServerName(SelfSignedPem.HOST_NAME);
    }

    @Override
    public InetAddress refusedPeer() {
        return REFUSED;
    }

    @Override
    public void kill() {
        coturn.stop();
    }

    @Override
    public void close() {
        coturn.stop();
    }
}
