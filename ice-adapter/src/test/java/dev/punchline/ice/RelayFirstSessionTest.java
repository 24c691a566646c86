package dev.punchline.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.ice.control.IceRole;
import dev.punchline.ice.link.PathKind;
import dev.punchline.turn.server.TurnServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two sessions over loopback and our TURN server: the first packet each way goes relay to relay before ICE
 * has completed, then the stream moves to the direct path with nothing lost or reordered.
 */
@Timeout(60)
class RelayFirstSessionTest {

    @Test
    void firstPacketsGoThroughTheRelayThenTheStreamMovesDirectWithoutLossOrReordering() throws Exception {
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);
        try (TurnServer turn = SessionFixture.relay(null)) {
            Peer a = new Peer("A");
            Peer b = new Peer("B");
            a.session = Session.open(SessionFixture.config(IceRole.CONTROLLING, turn).build(), a).get(20, TimeUnit.SECONDS);
            b.session = Session.open(SessionFixture.config(IceRole.CONTROLLED, turn).build(), b).get(20, TimeUnit.SECONDS);
            try {
                a.trickle = (c, u) -> b.session.addRemoteCandidate(c, u);
                b.trickle = (c, u) -> a.session.addRemoteCandidate(c, u);
                SessionDescription offer = a.session.localDescription();
                assertEquals(a.session.relayedAddress(), offer.defaultCandidate().socketAddress().orElseThrow(),
                        "the relayed candidate is the default");
                assertTrue(offer.punchlineFraming());

                b.session.applyRemoteDescription(offer).get(10, TimeUnit.SECONDS);
                long bFirstSend = System.nanoTime();
                b.sendNext(); // The answerer's first packet leaves before its answer is even signalled.
                SessionDescription answer = b.session.localDescription();
                a.session.applyRemoteDescription(answer).get(10, TimeUnit.SECONDS);
                long aFirstSend = System.nanoTime();
                a.sendNext();

                await(() -> a.firstArrivalNanos.get() != 0 && b.firstArrivalNanos.get() != 0, Duration.ofSeconds(5));
                double bToA = (a.firstArrivalNanos.get() - bFirstSend) / 1e6;
                double aToB = (b.firstArrivalNanos.get() - aFirstSend) / 1e6;
                System.out.printf("time to first packet: A->B %.1f ms, B->A %.1f ms (B->A includes A applying the answer)%n",
                        aToB, bToA);
                assertEquals(PathKind.RELAY, a.paths.get(0).kind(), "A's first path is the relay");
                assertEquals(PathKind.RELAY, b.paths.get(0).kind(), "B's first path is the relay");

                ScheduledFuture<?> aStream = pacer.scheduleAtFixedRate(a::sendNext, 20, 20, TimeUnit.MILLISECONDS);
                ScheduledFuture<?> bStream = pacer.scheduleAtFixedRate(b::sendNext, 20, 20, TimeUnit.MILLISECONDS);
                await(() -> onDirect(a) && onDirect(b), Duration.ofSeconds(20));
                System.out.printf("time to the direct path after the answer was applied: %.1f ms%n",
                        (System.nanoTime() - aFirstSend) / 1e6);
                Thread.sleep(1000); // Some of the stream on the direct path too.
                aStream.cancel(false);
                bStream.cancel(false);
                Thread.sleep(300);
                long aSent = a.sent();
                long bSent = b.sent();
                await(() -> b.received.size() >= aSent && a.received.size() >= bSent, Duration.ofSeconds(3));

                int[] atB = b.lostAndReordered(aSent);
                int[] atA = a.lostAndReordered(bSent);
                System.out.printf("A->B: %d sent, %d lost, %d reordered, %d duplicated; B->A: %d sent, %d lost, %d reordered, %d duplicated%n",
                        aSent, atB[0], atB[1], atB[2], bSent, atA[0], atA[1], atA[2]);
                System.out.println("A: " + a.session.statistics());
                assertArrayEquals(new int[] {0, 0, 0}, atB, "A->B lost, reordered, duplicated");
                assertArrayEquals(new int[] {0, 0, 0}, atA, "B->A lost, reordered, duplicated");
                assertEquals(PathKind.DIRECT, a.session.currentPath().kind());
                assertNotNull(a.session.currentPath().reason());
            } finally {
                a.session.close();
                b.session.close();
            }
        } finally {
            pacer.shutdownNow();
        }
    }

    @Test
    void timeToFirstPacketOnAWarmJvm() throws Exception {
        try (TurnServer turn = SessionFixture.relay(null)) {
            List<Double> aToB = new ArrayList<>();
            List<Double> bToA = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                try (Pair pair = new Pair(b -> b, turn)) {
                    pair.b.session.applyRemoteDescription(pair.a.session.localDescription()).get(10, TimeUnit.SECONDS);
                    long bSend = System.nanoTime();
                    pair.b.sendNext();
                    pair.a.session.applyRemoteDescription(pair.b.session.localDescription()).get(10, TimeUnit.SECONDS);
                    long aSend = System.nanoTime();
                    pair.a.sendNext();
                    await(() -> pair.a.firstArrivalNanos.get() != 0 && pair.b.firstArrivalNanos.get() != 0,
                            Duration.ofSeconds(5));
                    if (i >= 3) { // The first sessions warm the JVM up.
                        aToB.add((pair.b.firstArrivalNanos.get() - aSend) / 1e6);
                        bToA.add((pair.a.firstArrivalNanos.get() - bSend) / 1e6);
                    }
                }
            }
            Collections.sort(aToB);
            Collections.sort(bToA);
            System.out.printf("warm JVM, time to first packet over the relay (ms, sorted, 5 sessions): A->B %s; "
                    + "B->A (sent before A had the answer) %s%n", aToB, bToA);
        }
    }

    private static boolean onDirect(Peer p) {
        SessionPath path = p.session.currentPath();
        return path != null && path.kind() == PathKind.DIRECT;
    }

    static void await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(5);
        }
    }
}
