package dev.punchline.ice.control;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trickle's races (RFC 8838), with the test playing a signalling channel that reorders. */
class TrickleTest extends ControlFixture {

    private static final int SILENT_PAIRS = 60;

    private final Recorder a = new Recorder("A");
    private final Recorder b = new Recorder("B");
    private TestEndpoint endpointA;
    private TestEndpoint endpointB;
    private IceController controlling;
    private IceController controlled;

    private void startUnwired() throws InterruptedException {
        endpointA = endpoint();
        endpointB = endpoint();
        controlling = start(config(IceRole.CONTROLLING, endpointA).build(), a, endpointA);
        controlled = start(config(IceRole.CONTROLLED, endpointB).build(), b, endpointB);
        Await.until(PATIENCE, () -> !a.gatheringDone.isEmpty() && !b.gatheringDone.isEmpty(), () -> a + " / " + b);
    }

    @Test
    void candidatesThatOvertakeTheRemoteDescriptionWaitForIt() throws Exception {
        startUnwired();
        // B's candidates reach A before B's credentials do: one naming B's ufrag, one naming none.
        List<IceCandidate> fromB = controlled.localCandidates();
        controlling.addRemoteCandidate(fromB.get(0));
        controlling.addRemoteCandidate(fromB.get(0).withUfrag(null));
        Thread.sleep(200);
        assertTrue(a.states.isEmpty(), "no checks without credentials: " + a);

        controlling.setRemoteDescription(controlled.localUfrag(), controlled.localPassword(), List.of());
        // B learns none of A's candidates: only checks from A, paired with the held candidates, can connect.
        controlled.setRemoteDescription(controlling.localUfrag(), controlling.localPassword(), List.of());

        awaitSelected(a, b);
        assertEquals(endpointB.address(), a.lastSelection().pair().remoteAddress());
        assertEquals(CandidateKind.HOST, a.lastSelection().pair().remoteKind(), "the held candidate, not a prflx");
        assertEquals(0, controlling.droppedRemoteCandidates());
    }

    /**
     * A candidate trickled while the checks run is checked in its priority's turn. ice4j pairs it FROZEN and
     * unfreezes it only once no other pair is left waiting: behind 60 pairs that never answer, paced 5 ms apart,
     * that would be 300 ms.
     */
    @Test
    void aCandidateTrickledWhileChecksRunIsCheckedInItsPrioritysTurn() throws Exception {
        startUnwired();
        int port = endpoint().address().getPort(); // Bound on 127.0.0.1 only: nothing listens on 127.0.1.x.
        List<IceCandidate> silent = new ArrayList<>();
        for (int i = 1; i <= SILENT_PAIRS; i++) {
            silent.add(new IceCandidate("silent" + i, 1_000_000_000L - i,
                    new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 1, (byte) i}), port),
                    CandidateKind.HOST, null, controlled.localUfrag()));
        }
        controlling.setRemoteDescription(controlled.localUfrag(), controlled.localPassword(), silent);
        controlled.setRemoteDescription(controlling.localUfrag(), controlling.localPassword(), List.of());

        long trickled = System.nanoTime();
        controlling.addRemoteCandidate(controlled.localCandidates().get(0)); // A host candidate: top priority.
        Await.until(PATIENCE, () -> !a.validated.isEmpty(), a::toString);
        long tookMs = (System.nanoTime() - trickled) / 1_000_000;

        assertEquals(endpointB.address(), a.validated.get(0).remoteAddress());
        assertTrue(tookMs < 150, "validated " + tookMs + " ms after it was trickled");
    }

    @Test
    void aCandidateForAnAgentThatCompletedReachesTheLateListener() throws Exception {
        startUnwired();
        wire(a, controlling, b, controlled);
        awaitSelected(a, b);
        Await.until(PATIENCE, () -> a.reached(AgentState.COMPLETED), a::toString);

        IceCandidate late = new IceCandidate("late", 2_130_706_431L,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 9), CandidateKind.HOST, null,
                controlled.localUfrag());
        controlling.addRemoteCandidate(late);

        Await.until(PATIENCE, () -> a.late.contains(late), a::toString);
        assertEquals(1, a.selections.size(), "ice4j keeps its pair; the Link decides what to do with the news");
    }

    @Test
    void afterARestartTheOldUfragsCandidatesAreDroppedAndTheOldAgentClosesOnlyOnceTheNewOneSelected()
            throws Exception {
        startUnwired();
        wire(a, controlling, b, controlled);
        awaitSelected(a, b);
        String oldLocal = controlling.localUfrag();
        String oldRemote = controlled.localUfrag();
        IceCandidate stale = controlled.localCandidates().get(0);

        controlling.restart();

        Await.until(PATIENCE, () -> a.selections.size() == 2 && b.selections.size() == 2, () -> a + " / " + b);
        String newLocal = controlling.localUfrag();
        assertTrue(!newLocal.equals(oldLocal) && !controlled.localUfrag().equals(oldRemote));
        assertEquals(newLocal, a.lastSelection().pair().ufrag());
        Await.until(PATIENCE, () -> a.order.contains("CLOSED " + oldLocal), a::toString);
        assertTrue(a.order.indexOf("selected " + newLocal + " direct") < a.order.indexOf("CLOSED " + oldLocal),
                "make before break: " + a.order);
        Await.until(PATIENCE, () -> b.order.contains("CLOSED " + oldRemote), b::toString);

        controlling.addRemoteCandidate(stale);
        Await.until(PATIENCE, () -> controlling.droppedRemoteCandidates() == 1, a::toString);
        assertTrue(a.late.isEmpty());
        assertEquals(0, endpointA.unclaimedStun(), "both Agents' STUN found its way on the shared socket");
    }
}
