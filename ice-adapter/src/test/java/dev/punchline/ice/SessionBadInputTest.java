package dev.punchline.ice;

import static dev.punchline.ice.RelayFirstSessionTest.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.punchline.ice.link.PathKind;
import dev.punchline.turn.client.TurnAllocation;
import dev.punchline.turn.client.TurnClient;
import dev.punchline.turn.client.TurnClientConfig;
import dev.punchline.turn.server.TurnServer;
import io.netty.buffer.Unpooled;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Behaviour 9 over real sockets: while two sessions stream to each other, a stranger fires randomized bad datagrams
 * at one of them, straight at its socket and through its own allocation on the same relay (which the victim
 * pre-permitted, as it pre-permits every configured relay). The stream loses and reorders nothing, the path does
 * not move, and every datagram is counted under the reason it deserves.
 */
@Timeout(60)
class SessionBadInputTest {

    private static final int STRAIGHT = 1500;
    private static final int RELAYED = 500;
    /** Bad datagrams per millisecond of attack: ~1,000/s, twenty times the stream's rate. */
    private static final int BURST = 2;

    @Test
    void randomizedBadInputIsDroppedAndCountedWhileTheSessionKeepsDelivering() throws Exception {
        long seed = System.nanoTime();
        System.out.println("bad input seed " + seed);
        BadDatagrams attack = new BadDatagrams(seed);
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);
        try (TurnServer turn = SessionFixture.relay(null);
             Pair pair = new Pair(b -> b, turn).connect();
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Session victim = pair.b.session;
            TurnAllocation strangerRelay = TurnClient.create(TurnClientConfig.builder(
                    SessionFixture.relayServer(turn).address()).credentials(SessionFixture.USER, SessionFixture.PASSWORD)
                    .build()).allocate().get(10, TimeUnit.SECONDS);
            try {
                strangerRelay.permit(List.of(SessionFixture.relayIp())).get(10, TimeUnit.SECONDS);
                pacer.scheduleAtFixedRate(pair.a::sendNext, 0, 20, TimeUnit.MILLISECONDS);
                pacer.scheduleAtFixedRate(pair.b::sendNext, 0, 20, TimeUnit.MILLISECONDS);
                await(() -> pair.a.currentKind() == PathKind.DIRECT && pair.b.currentKind() == PathKind.DIRECT,
                        Duration.ofSeconds(10));
                Thread.sleep(300);
                int aPaths = pair.a.paths.size();
                int bPaths = pair.b.paths.size();
                BadInputCounts before = victim.badInput();

                String ufrag = victim.localDescription().credentials().ufrag();
                InetSocketAddress socket = victim.endpoints().get(0).localAddress();
                InetSocketAddress relayed = victim.relayedAddress();
                ExpectedBadInput expected = new ExpectedBadInput();
                for (int i = 0; i < STRAIGHT + RELAYED; i++) {
                    BadDatagrams.Sample sample = attack.next(ufrag);
                    expected.add(sample.expected(), 1);
                    if (i < STRAIGHT) {
                        stranger.send(new DatagramPacket(sample.bytes(), sample.bytes().length, socket));
                    } else {
                        strangerRelay.send(relayed, Unpooled.wrappedBuffer(sample.bytes()));
                    }
                    if (i % BURST == 0) {
                        Thread.sleep(1);
                    }
                }
                Thread.sleep(1000);
                pacer.shutdownNow();
                pacer.awaitTermination(1, TimeUnit.SECONDS);
                Thread.sleep(300);

                int[] atB = pair.b.lostAndReordered(pair.a.sent());
                int[] atA = pair.a.lostAndReordered(pair.b.sent());
                System.out.printf("under attack: A->B %d sent, lost/reordered/dup %s; B->A %d sent, %s; B counted %s "
                        + "(before the attack %s), expected %s more%n", pair.a.sent(), Arrays.toString(atB),
                        pair.b.sent(), Arrays.toString(atA), victim.badInput(), before, expected);
                assertArrayEquals(new int[] {0, 0, 0}, atB);
                assertArrayEquals(new int[] {0, 0, 0}, atA);
                assertEquals(aPaths, pair.a.paths.size(), "A's path events: " + pair.a.paths);
                assertEquals(bPaths, pair.b.paths.size(), "B's path events: " + pair.b.paths);
                assertEquals(PathKind.DIRECT, victim.currentPath().kind());
                expected.assertCounted(before, victim.badInput());
            } finally {
                pacer.shutdownNow();
                strangerRelay.close();
            }
        }
    }
}
