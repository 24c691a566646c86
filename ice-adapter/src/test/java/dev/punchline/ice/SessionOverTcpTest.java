package dev.punchline.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.punchline.ice.link.PathKind;
import dev.punchline.turn.client.TransportProtocol;
import dev.punchline.turn.server.ListenAddress;
import dev.punchline.turn.server.TurnServer;
import dev.punchline.turn.server.TurnServerConfig;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where UDP to the relay is blocked, the session allocates over TCP and runs on the relay path. */
@Timeout(30)
class SessionOverTcpTest {

    @Test
    void aSessionOverTurnTcpCarriesTheStream() throws Exception {
        try (TurnServer turn = TurnServer.start(TurnServerConfig.builder()
                .listen(ListenAddress.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
                .relayIp(SessionFixture.relayIp()).user(SessionFixture.USER, SessionFixture.PASSWORD)
                .userQuota(1000).allowPeer("127.0.0.0/8").eventLoopThreads(1).build())) {
            InetSocketAddress tcp = turn.boundAddresses().get(0);
            RelayServer relay = RelayServer.udp(tcp, SessionFixture.USER, SessionFixture.PASSWORD)
                    .withProtocol(TransportProtocol.TCP).withRelayedIps(SessionFixture.relayIp());
            try (Pair pair = new Pair(role -> SessionConfig.builder(role)
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).relay(relay)
                    .transportPolicy(IceTransportPolicy.RELAY_ONLY))) {
                pair.connect();
                for (int i = 0; i < 100; i++) {
                    pair.a.sendNext();
                    pair.b.sendNext();
                    Thread.sleep(10);
                }
                RelayFirstSessionTest.await(() -> pair.a.received.size() >= 100 && pair.b.received.size() >= 100,
                        java.time.Duration.ofSeconds(5));
                assertArrayEquals(new int[] {0, 0, 0}, pair.b.lostAndReordered(100));
                assertArrayEquals(new int[] {0, 0, 0}, pair.a.lostAndReordered(100));
                assertEquals(PathKind.RELAY, pair.a.session.currentPath().kind());
                System.out.println("over TURN/TCP: 100 each way, 0 lost; A on " + pair.a.session.currentPath());
            }
        }
    }
}
