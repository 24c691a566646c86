package dev.punchline.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.ice.control.IceRole;
import dev.punchline.turn.server.TurnServer;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A session started on an allocation the pool made beforehand, and the pool making a new one. */
@Timeout(30)
class AllocationPoolTest {

    @Test
    void aSessionStartsOnAPooledAllocationAndThePoolRefills() throws Exception {
        try (TurnServer turn = SessionFixture.relay(null);
             AllocationPool pool = AllocationPool.start(List.of(SessionFixture.relayServer(turn)),
                     InetAddress.getLoopbackAddress(), 1)) {
            RelayServer relay = SessionFixture.relayServer(turn);
            RelayFirstSessionTest.await(() -> pool.readyCount(relay) == 1, Duration.ofSeconds(5));
            AllocationPool.Prepared prepared = pool.take().orElseThrow();

            Peer a = new Peer("A");
            Peer b = new Peer("B");
            long opening = System.nanoTime();
            a.session = Session.open(SessionFixture.config(IceRole.CONTROLLING, turn).build(), a, prepared)
                    .get(10, TimeUnit.SECONDS);
            double openMs = (System.nanoTime() - opening) / 1e6;
            b.session = Session.open(SessionFixture.config(IceRole.CONTROLLED, turn).build(), b).get(10, TimeUnit.SECONDS);
            try {
                assertEquals(prepared.relayedAddress(), a.session.relayedAddress());
                b.session.applyRemoteDescription(a.session.localDescription()).get(10, TimeUnit.SECONDS);
                a.session.applyRemoteDescription(b.session.localDescription()).get(10, TimeUnit.SECONDS);
                a.sendNext();
                b.sendNext();
                RelayFirstSessionTest.await(() -> !a.received.isEmpty() && !b.received.isEmpty(), Duration.ofSeconds(5));
                RelayFirstSessionTest.await(() -> pool.readyCount(relay) == 1, Duration.ofSeconds(5));
                System.out.printf("session opened on a pooled allocation in %.1f ms%n", openMs);
                assertTrue(a.session.endpoints().size() >= 1);
            } finally {
                a.session.close();
                b.session.close();
            }
        }
    }
}
