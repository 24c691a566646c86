package dev.punchline.it.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.ice.SessionDescription;
import dev.punchline.ice.SessionPath;
import dev.punchline.ice.sdp.Candidate;
import dev.punchline.turn.TurnTimings;
import dev.punchline.turn.client.RetransmissionPolicy;
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

    /**
     * A killed relay must be reported within the TURN client's liveness window: a second of silence, then a
     * Binding check given up on after its schedule (TurnTimings.LIVENESS_*), plus a second for a loaded machine.
     */
    static final Duration RELAY_LOSS_REPORTED = TurnTimings.LIVENESS_IDLE
            .plus(RetransmissionPolicy.livenessCheck().streamTimeout()).plusSeconds(1);
    /** From the loss to both sides holding new allocations: an Allocate (retransmitted while a relay restarts). */
    private static final Duration REALLOCATED = Duration.ofSeconds(10);
    /**
     * What a NAT rebinding may cost: a second of silence from the relay before the liveness check sees the new
     * mapping, a re-allocation and its permissions (a few 40 ms round trips), the description exchange and the
     * fresh Agents' checks, then the Link confirming the new direct path (two round trips) — 3 s with margin.
     */
    static final Duration REBINDING_WINDOW = Duration.ofSeconds(3);
    /** Both sides direct again after a rebinding: the window above, and the checks of the restarted Agents. */
    private static final Duration DIRECT_AFTER_REBINDING = Duration.ofSeconds(10);

    /** Five intervals of a 50 packets/s stream: a stream that delivers nothing for this long is not flowing. */
    private static final Duration FLOW_SAMPLE = Duration.ofMillis(100);

    /** A fault a test injects. */
    @FunctionalInterface
    interface Fault {
        void inject() throws Exception;
    }

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

    /**
     * Behaviour 6: the relay both sessions allocated on is killed while they are direct. The stream goes on
     * without loss; both report the relay lost within {@link #RELAY_LOSS_REPORTED}; after {@code afterLoss} (a
     * restart, or nothing when another relay is configured) both announce a description whose relayed candidate is
     * a new allocation on {@code newRelayHost}'s relay; cut the direct path then, and the data flows over the new
     * allocations without loss.
     */
    static void relayKilledWhileDirect(Lab lab, List<InetSocketAddress> relays, Fault kill, Fault afterLoss,
            InetAddress newRelayHost) throws Exception {
        int rate = 50;
        try (SessionPair pair = connect(lab, relays)) {
            SessionPair.await(() -> bothOn(pair, PathKind.DIRECT), TO_DIRECT, "direct before the kill");
            List<InetSocketAddress> before = List.of(pair.offerer.session.relayedAddress(),
                    pair.answerer.session.relayedAddress());
            StreamCheck stream = StreamCheck.start(pair, rate, lab);
            Thread.sleep(500);

            long killedAt = System.nanoTime();
            kill.inject();
            SessionPair.await(() -> pair.offerer.firstRelayLossNanos.get() != 0
                    && pair.answerer.firstRelayLossNanos.get() != 0, RELAY_LOSS_REPORTED.plusSeconds(5),
                    "both report the relay lost");
            long offererMs = (pair.offerer.firstRelayLossNanos.get() - killedAt) / 1_000_000;
            long answererMs = (pair.answerer.firstRelayLossNanos.get() - killedAt) / 1_000_000;
            System.out.println("relay loss reported " + offererMs + " / " + answererMs + " ms after the kill");
            afterLoss.inject();
            SessionPair.await(() -> announcedNewRelay(pair.offerer, before) && announcedNewRelay(pair.answerer, before),
                    REALLOCATED, "both announce a description with a new relayed candidate");
            System.out.println("new relays: " + pair.offerer.session.relayedAddress() + " / "
                    + pair.answerer.session.relayedAddress() + " " + (System.nanoTime() - killedAt) / 1_000_000
                    + " ms after the kill");
            Thread.sleep(AFTER_SWITCH.toMillis());
            StreamCheck.Outcome whileDirect = stream.stop();
            System.out.println("relay killed while direct: " + whileDirect);

            whileDirect.assertLossless();
            assertTrue(bothOn(pair, PathKind.DIRECT), "still direct: " + pair.offerer.paths + pair.answerer.paths);
            assertTrue(offererMs <= RELAY_LOSS_REPORTED.toMillis() && answererMs <= RELAY_LOSS_REPORTED.toMillis(),
                    "relay loss reported within " + RELAY_LOSS_REPORTED.toMillis() + " ms: " + offererMs + " / "
                    + answererMs);
            for (LabPeer peer : List.of(pair.offerer, pair.answerer)) {
                assertEquals(newRelayHost, peer.session.relayedAddress().getAddress(), peer.name + "'s new relay");
            }

            try (PathCut cut = lab.cut(lab.host(IceTopologies.ALICE), lab.host(IceTopologies.BOB), CutDirection.BOTH_WAYS)) {
                SessionPair.await(() -> bothOn(pair, PathKind.RELAY), Duration.ofSeconds(5), "both on the new relay");
                for (LabPeer peer : List.of(pair.offerer, pair.answerer)) {
                    String path = peer.session.currentPath().id();
                    assertTrue(path.contains(peer.session.relayedAddress().toString()), peer.name + " on " + path);
                }
                StreamCheck relayed = StreamCheck.start(pair, rate, lab);
                Thread.sleep(2000);
                StreamCheck.Outcome overNewRelay = relayed.stop();
                System.out.println("over the new relay: " + overNewRelay);
                overNewRelay.assertLossless();
                assertTrue(overNewRelay.offererToAnswerer().received() > 0, "data over the new relay");
            }
        }
    }

    /** The peer's latest announced description carries its current, new, relayed address. */
    private static boolean announcedNewRelay(LabPeer peer, List<InetSocketAddress> before) {
        InetSocketAddress now = peer.session.relayedAddress();
        if (now == null || before.contains(now) || peer.announced.isEmpty()) {
            return false;
        }
        SessionDescription last = peer.announced.get(peer.announced.size() - 1);
        return last.relayCandidate().flatMap(Candidate::socketAddress).map(now::equals).orElse(false);
    }

    /**
     * Behaviour 4: the NATs of {@code rebound} forget their mappings (conntrack flushed) under a 50 packets/s stream
     * each way. The session carries on: loss is bounded by {@link #REBINDING_WINDOW}, and both sides are on a
     * direct path again (with data flowing) within {@link #DIRECT_AFTER_REBINDING}.
     */
    static void natRebindingRecovers(Lab lab, List<InetSocketAddress> relays, List<String> rebound) throws Exception {
        int rate = 50;
        try (SessionPair pair = connect(lab, relays)) {
            SessionPair.await(() -> bothOn(pair, PathKind.DIRECT), TO_DIRECT, "direct before the rebinding");
            StreamCheck stream = StreamCheck.start(pair, rate, lab);
            Thread.sleep(500);
            int offererEvents = pair.offerer.paths.size();
            int answererEvents = pair.answerer.paths.size();

            long reboundAt = System.nanoTime();
            for (String host : rebound) {
                lab.rebind(lab.host(host));
            }
            // Both on a direct path is not enough: with every other path gone the Link names a dead direct path
            // current. Direct again means direct with the stream arriving again both ways, and the peer of a rebound
            // host on a new path (its old one led to the forgotten mapping). A rebound host's own path may survive:
            // its 5-tuple is unchanged, and a fresh check can re-open it before its Link doubts it.
            boolean offererMoves = rebound.contains(IceTopologies.BOB);
            boolean answererMoves = rebound.contains(IceTopologies.ALICE);
            SessionPair.await(() -> (!offererMoves || pair.offerer.paths.size() > offererEvents)
                    && (!answererMoves || pair.answerer.paths.size() > answererEvents) && bothOn(pair, PathKind.DIRECT)
                    && flowsBothWays(pair), DIRECT_AFTER_REBINDING, "both direct again after the rebinding");
            long directMs = (System.nanoTime() - reboundAt) / 1_000_000;
            long offererHeard = pair.offerer.tally.received();
            long answererHeard = pair.answerer.tally.received();
            Thread.sleep(AFTER_SWITCH.toMillis());
            StreamCheck.Outcome outcome = stream.stop();
            System.out.println("rebinding " + rebound + ": both direct " + directMs + " ms after it; " + outcome
                    + "; offerer paths " + pair.offerer.paths.subList(offererEvents, pair.offerer.paths.size())
                    + "; answerer paths " + pair.answerer.paths.subList(answererEvents, pair.answerer.paths.size()));

            assertTrue(directMs <= DIRECT_AFTER_REBINDING.toMillis(), "direct again in " + directMs + " ms");
            long bound = rate * REBINDING_WINDOW.toSeconds();
            assertTrue(outcome.offererToAnswerer().lost() <= bound && outcome.answererToOfferer().lost() <= bound,
                    "loss bounded by the " + REBINDING_WINDOW.toMillis() + " ms window (" + bound + " packets): "
                    + outcome);
            assertEquals(0, outcome.offererToAnswerer().reordered() + outcome.answererToOfferer().reordered(),
                    "reordered: " + outcome);
            assertTrue(outcome.offererToAnswerer().received() > answererHeard
                    && outcome.answererToOfferer().received() > offererHeard, "data flows on the new direct path");
            assertTrue(bothOn(pair, PathKind.DIRECT), "both sides agree on the direct path");
        }
    }

    /** Whether both sides receive new packets of the running stream within a few of its intervals. */
    private static boolean flowsBothWays(SessionPair pair) {
        long offerer = pair.offerer.tally.received();
        long answerer = pair.answerer.tally.received();
        try {
            Thread.sleep(FLOW_SAMPLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return pair.offerer.tally.received() > offerer && pair.answerer.tally.received() > answerer;
    }

    static SessionPair connect(Lab lab, List<InetSocketAddress> relays) throws Exception {
        return SessionPair.connect(lab.host(IceTopologies.ALICE), lab.host(IceTopologies.BOB), relays,
                config -> config);
    }

    static boolean bothOn(SessionPair pair, PathKind kind) {
        return pair.offerer.currentKind() == kind && pair.answerer.currentKind() == kind;
    }
}
