package dev.punchline.it.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.ice.SessionPath;
import dev.punchline.ice.link.PathKind;
import dev.punchline.tun.lab.CutDirection;
import dev.punchline.tun.lab.Lab;
import dev.punchline.tun.lab.PathCut;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The session behaviours of issue 4 between Alice and Bob, whichever TURN server the lab runs (ours or coturn):
 * each opens a {@link SessionPair}, drives it and asserts what a user relies on.
 */
final class Behaviours {

    /** ICE over 40 ms round trips validates a direct pair in a few hundred ms; the Link then confirms it. */
    private static final Duration TO_DIRECT = Duration.ofSeconds(10);
    /** Stream kept going after a switch, so packets on both sides of it are in the count. */
    private static final Duration AFTER_SWITCH = Duration.ofSeconds(1);
    /** Default settings must bring a cut session back onto the relay within this. */
    private static final Duration FALLBACK = Duration.ofSeconds(1);
    /** Back to direct after the restore: the re-probe schedule starts at IceTimings.REPROBE_FIRST (5 s). */
    private static final Duration BACK_TO_DIRECT = Duration.ofSeconds(20);

    private Behaviours() {
    }

    /** Behaviour 1: first packets through the relay without waiting for ICE, then direct, nothing lost. */
    static void relayFirstThenDirect(Lab lab, List<InetSocketAddress> relays, int packetsPerSecond) throws Exception {
        relayFirstThenDirect(lab, relays, packetsPerSecond, (peer, direct) -> { });
    }

    /**
     * Behaviour 5: Alice and Bob behind one NAT start on the relay, like any session, then meet on their LAN: each
     * ends on a direct path to the other's private address, nothing lost or reordered on the way.
     */
    static void directOnTheLan(Lab lab, List<InetSocketAddress> relays, int packetsPerSecond) throws Exception {
        relayFirstThenDirect(lab, relays, packetsPerSecond, (peer, direct) -> {
            InetAddress other = lab.host(peer.name.equals(IceTopologies.ALICE) ? IceTopologies.BOB
                    : IceTopologies.ALICE).address();
            assertTrue(other.isSiteLocalAddress(), "the other peer's LAN address is private: " + other);
            // A direct path's id is "direct:LOCAL->REMOTE" (Session names it so).
            assertTrue(direct.id().contains("->/" + other.getHostAddress() + ":"),
                    peer.name + " is direct to " + other + " on the LAN: " + direct);
        });
    }

    private static void relayFirstThenDirect(Lab lab, List<InetSocketAddress> relays, int packetsPerSecond,
            BiConsumer<LabPeer, SessionPath> directCheck) throws Exception {
        try (SessionPair pair = connect(lab, relays)) {
            StreamCheck stream = StreamCheck.start(pair, packetsPerSecond, lab);
            SessionPair.await(() -> pair.offerer.firstArrivalNanos.get() != 0
                    && pair.answerer.firstArrivalNanos.get() != 0, Duration.ofSeconds(2), "first packet each way");
            System.out.printf("first packet: offerer->answerer and answerer->offerer %.1f / %.1f ms after the "
                    + "offerer applied the answer%n", (pair.answerer.firstArrivalNanos.get() - pair.answerApplied) / 1e6,
                    (pair.offerer.firstArrivalNanos.get() - pair.answerApplied) / 1e6);
            SessionPair.await(() -> bothOn(pair, PathKind.DIRECT), TO_DIRECT, "both sides on the direct path");
            Thread.sleep(AFTER_SWITCH.toMillis());
            StreamCheck.Outcome outcome = stream.stop();
            System.out.println(packetsPerSecond + " packets/s: " + outcome);

            outcome.assertLossless();
            for (LabPeer peer : List.of(pair.offerer, pair.answerer)) {
                List<PathKind> kinds = peer.paths.stream().map(SessionPath::kind).toList();
                assertEquals(PathKind.RELAY, kinds.get(0), peer.name + "'s first path: " + peer.paths);
                assertEquals(PathKind.DIRECT, kinds.get(kinds.size() - 1), peer.name + "'s last path: " + peer.paths);
                directCheck.accept(peer, peer.paths.get(kinds.size() - 1));
            }
        }
    }

    /** Behaviour 2: relay only, no path event for {@code stable}, the reason given. */
    static void relayOnlyStable(Lab lab, List<InetSocketAddress> relays, Duration stable) throws Exception {
        try (SessionPair pair = connect(lab, relays)) {
            StreamCheck stream = StreamCheck.start(pair, 50, lab);
            SessionPair.await(() -> pair.offerer.firstArrivalNanos.get() != 0
                    && pair.answerer.firstArrivalNanos.get() != 0, Duration.ofSeconds(2), "first packet each way");
            int offererEvents = pair.offerer.paths.size();
            int answererEvents = pair.answerer.paths.size();
            Thread.sleep(stable.toMillis());
            StreamCheck.Outcome outcome = stream.stop();
            System.out.println("relay only: " + outcome);

            outcome.assertLossless();
            for (LabPeer peer : List.of(pair.offerer, pair.answerer)) {
                assertFalse(peer.paths.stream().anyMatch(p -> p.kind() == PathKind.DIRECT),
                        peer.name + " never goes direct: " + peer.paths);
                SessionPath current = peer.session.currentPath();
                assertEquals(PathKind.RELAY, current.kind(), peer.name + ": " + current);
                assertNotNull(current.reason(), peer.name + " says why it is relayed");
                System.out.println(peer.name + " relayed because: " + current.reason());
            }
            assertEquals(offererEvents, pair.offerer.paths.size(), "offerer path events: " + pair.offerer.paths);
            assertEquals(answererEvents, pair.answerer.paths.size(), "answerer path events: " + pair.answerer.paths);
        }
    }

    /** Behaviour 3: the direct path cut: back on the relay within a second, loss bounded; restored: direct. */
    static void cutFallsBackAndComesBack(Lab lab, List<InetSocketAddress> relays, CutDirection direction)
            throws Exception {
        int rate = 50;
        try (SessionPair pair = connect(lab, relays)) {
            SessionPair.await(() -> bothOn(pair, PathKind.DIRECT), TO_DIRECT, "direct before the cut");
            StreamCheck stream = StreamCheck.start(pair, rate, lab);
            Thread.sleep(500);

            long fallback;
            try (PathCut cut = lab.cut(lab.host(IceTopologies.ALICE), lab.host(IceTopologies.BOB), direction)) {
                long cutAt = System.nanoTime();
                SessionPair.await(() -> bothOn(pair, PathKind.RELAY), Duration.ofSeconds(5), "both on the relay");
                fallback = (System.nanoTime() - cutAt) / 1_000_000;
                System.out.println(direction + ": both on the relay " + fallback + " ms after the cut");
                Thread.sleep(1000);
            }
            long restoredAt = System.nanoTime();
            SessionPair.await(() -> bothOn(pair, PathKind.DIRECT), BACK_TO_DIRECT, "both direct after the restore");
            System.out.println(direction + ": both direct " + (System.nanoTime() - restoredAt) / 1_000_000
                    + " ms after the restore");
            Thread.sleep(500);
            StreamCheck.Outcome outcome = stream.stop();
            System.out.println(direction + ": " + outcome);

            assertTrue(fallback <= FALLBACK.toMillis(), direction + ": back on the relay in " + fallback + " ms");
            long bound = rate * FALLBACK.toSeconds();
            assertTrue(outcome.offererToAnswerer().lost() <= bound && outcome.answererToOfferer().lost() <= bound,
                    "loss bounded by the fallback window (" + bound + " packets): " + outcome);
            assertEquals(0, outcome.offererToAnswerer().reordered() + outcome.answererToOfferer().reordered(),
                    "reordered: " + outcome);
        }
    }

    static SessionPair connect(Lab lab, List<InetSocketAddress> relays) throws Exception {
        return SessionPair.connect(lab.host(IceTopologies.ALICE), lab.host(IceTopologies.BOB), relays,
                config -> config);
    }

    static boolean bothOn(SessionPair pair, PathKind kind) {
        return pair.offerer.currentKind() == kind && pair.answerer.currentKind() == kind;
    }
}
