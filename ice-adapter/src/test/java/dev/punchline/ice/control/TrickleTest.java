package dev.punchline.ice.control;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trickle's races (RFC 8838), with the test playing a signalling channel that reorders. */
class TrickleTest extends ControlFixture {

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
