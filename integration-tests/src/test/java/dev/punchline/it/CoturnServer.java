package dev.punchline.it;

import dev.punchline.it.support.Coturn;
import dev.punchline.turn.client.ScenarioServer;
import dev.punchline.turn.client.TestAddresses;
import dev.punchline.turn.client.TransportProtocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * coturn's turnserver with the scenarios' settings ({@link ScenarioServer}) and one loopback address
 * denied. coturn 4.6.1 refuses static users once
 * {@code --use-auth-secret} is on, so an instance takes either static or REST credentials. The harness
 * starts it without TLS, so the TLS scenarios run against our server only.
 */
final class CoturnServer extends ScenarioServer {
    /** coturn allows every loopback peer with --allow-loopback-peers; this one it is told to deny. */
    private static final InetAddress REFUSED = TestAddresses.of("127.0.0.9");

    private final Coturn coturn;

    private CoturnServer(Coturn coturn) {
        this.coturn = coturn;
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
        return protocol == TransportProtocol.TLS ? Optional.empty() : Optional.of(coturn.address());
    }

    /** The harness gives coturn one relay address, 127.0.0.1. */
    @Override
    public boolean relaysIpv6() {
        return false;
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
