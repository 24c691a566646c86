package dev.punchline.ice;

import dev.punchline.ice.control.IceRole;
import dev.punchline.turn.server.ListenAddress;
import dev.punchline.turn.server.Transport;
import dev.punchline.turn.server.TurnServer;
import dev.punchline.turn.server.TurnServerConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/** Our TURN servers on loopback (listening on 127.0.0.1, relaying from 127.0.0.2) and session configs on them. */
final class SessionFixture {
    static final String USER = "session";
    static final String PASSWORD = "relay-first";

    private SessionFixture() {
    }

    static TurnServer relay(Duration lifetime) throws IOException {
        TurnServerConfig.Builder b = TurnServerConfig.builder()
                .listen(ListenAddress.udp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
                .relayIp(relayIp())
                .user(USER, PASSWORD)
                .userQuota(1000)
                .allowPeer("127.0.0.0/8")
                .eventLoopThreads(1);
        if (lifetime != null) {
            b.defaultLifetime(lifetime).maxLifetime(lifetime);
        }
        return TurnServer.start(b.build());
    }

    static InetAddress relayIp() throws IOException {
        return InetAddress.getByName("127.0.0.2");
    }

    static RelayServer relayServer(TurnServer server) throws IOException {
        InetSocketAddress address = server.listeners().stream().filter(l -> l.transport() == Transport.UDP)
                .findFirst().orElseThrow().address();
        return RelayServer.udp(address, USER, PASSWORD).withRelayedIps(relayIp());
    }

    static SessionConfig.Builder config(IceRole role, TurnServer... servers) throws IOException {
        SessionConfig.Builder b = SessionConfig.builder(role)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .relayNominationDeadline(Duration.ofSeconds(1));
        for (TurnServer server : servers) {
            b.relay(relayServer(server));
        }
        return b;
    }
}
