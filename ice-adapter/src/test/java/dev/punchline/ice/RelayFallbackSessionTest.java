package dev.punchline.ice;

import static dev.punchline.ice.RelayFirstSessionTest.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.ice.link.PathKind;
import dev.punchline.turn.client.RetransmissionPolicy;
import dev.punchline.turn.server.TurnServer;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sessions that cannot go direct, and sessions whose relay dies under them. */
@Timeout(60)
class RelayFallbackSessionTest {

    @Test
    void peersOfferingOnlyTheirRelayStayOnItStablyAndSayWhy() throws Exception {
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);
        try (TurnServer turn = SessionFixture.relay(null);
             Pair pair = new Pair(b -> b.transportPolicy(IceTransportPolicy.RELAY_ONLY), turn).connect()) {
            assertEquals(1, pair.a.session.localDescription().candidates().size(), "the relayed candidate only");
            ScheduledFuture<?> aStream = pacer.scheduleAtFixedRate(pair.a::sendNext, 0, 20, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> bStream = pacer.scheduleAtFixedRate(pair.b::sendNext, 0, 20, TimeUnit.MILLISECONDS);
            Thread.sleep(4000);
            aStream.cancel(false);
            bStream.cancel(false);
            Thread.sleep(300);
            long aSent = pair.a.sent();
            long bSent = pair.b.sent();
            int[] atB = pair.b.lostAndReordered(aSent);
            int[] atA = pair.a.lostAndReordered(bSent);
            SessionPath path = pair.a.session.currentPath();
            System.out.println("relay only: A->B " + aSent + " sent, lost/reordered/dup " + java.util.Arrays.toString(atB)
                    + "; B->A " + bSent + " sent, " + java.util.Arrays.toString(atA) + "; A on " + path);
            assertArrayEquals(new int[] {0, 0, 0}, atB);
            assertArrayEquals(new int[] {0, 0, 0}, atA);
            assertEquals(1, pair.a.paths.size(), "one path event in 4 s: " + pair.a.paths);
            assertEquals(1, pair.b.paths.size(), "one path event in 4 s: " + pair.b.paths);
            assertEquals(PathKind.RELAY, path.kind());
            assertTrue(path.reason().contains("ICE selected the relay"), path.reason());
        } finally {
            pacer.shutdownNow();
        }
    }

    @Test
    void aRelayKilledAfterTheSwitchToDirectIsReplacedWhileTrafficGoesOn() throws Exception {
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);
        TurnServer first = SessionFixture.relay(Duration.ofSeconds(4));
        try (TurnServer second = SessionFixture.relay(null);
             Pair pair = new Pair(b -> b.turnRetransmission(RetransmissionPolicy.withInitialRto(Duration.ofMillis(20))),
                     first, second).connect()) {
            pair.a.trickle = (c, u) -> { };
            ScheduledFuture<?> aStream = pacer.scheduleAtFixedRate(pair.a::sendNext, 0, 20, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> bStream = pacer.scheduleAtFixedRate(pair.b::sendNext, 0, 20, TimeUnit.MILLISECONDS);
            await(() -> onDirect(pair.a) && onDirect(pair.b), Duration.ofSeconds(10));
            java.net.InetSocketAddress oldRelay = pair.a.session.relayedAddress();
            long killedAt = System.nanoTime();
            first.close();

            SessionDescription renewed = pair.a.changed.poll(15, TimeUnit.SECONDS);
            assertNotNull(renewed, "A announced a new description");
            System.out.printf("relay loss noticed and replaced %.0f ms after the kill: %s -> %s%n",
                    (System.nanoTime() - killedAt) / 1e6, oldRelay, pair.a.session.relayedAddress());
            pair.b.session.applyRemoteDescription(renewed).get(10, TimeUnit.SECONDS);
            SessionDescription renewedB = pair.b.changed.poll(15, TimeUnit.SECONDS);
            assertNotNull(renewedB, "B announced a new description");
            pair.a.session.applyRemoteDescription(renewedB).get(10, TimeUnit.SECONDS);
            Thread.sleep(1000);
            aStream.cancel(false);
            bStream.cancel(false);
            Thread.sleep(300);

            assertFalse(pair.a.relayLosses.isEmpty());
            assertNotEquals(oldRelay, pair.a.session.relayedAddress());
            assertEquals(renewed.defaultCandidate().socketAddress().orElseThrow(), pair.a.session.relayedAddress());
            long aSent = pair.a.sent();
            long bSent = pair.b.sent();
            int[] atB = pair.b.lostAndReordered(aSent);
            int[] atA = pair.a.lostAndReordered(bSent);
            if (atA[0] + atB[0] > 0) {
                System.out.println("A stray " + pair.a.session.strayFrames() + " " + pair.a.session.statistics());
                System.out.println("B stray " + pair.b.session.strayFrames() + " " + pair.b.session.statistics());
            }
            System.out.println("relay killed: A->B " + aSent + " sent, lost/reordered/dup " + java.util.Arrays.toString(atB)
                    + "; B->A " + bSent + " sent, " + java.util.Arrays.toString(atA));
            assertArrayEquals(new int[] {0, 0, 0}, atB);
            assertArrayEquals(new int[] {0, 0, 0}, atA);
            assertEquals(PathKind.DIRECT, pair.a.session.currentPath().kind());
        } finally {
            first.close();
            pacer.shutdownNow();
        }
    }

    private static boolean onDirect(Peer p) {
        SessionPath path = p.session.currentPath();
        return path != null && path.kind() == PathKind.DIRECT;
    }
}
