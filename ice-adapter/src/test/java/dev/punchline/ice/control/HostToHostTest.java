package dev.punchline.ice.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostToHostTest extends ControlFixture {

    @Test
    void twoControllersCompleteHostToHostAndCarryDataOnTheSelectedPair() throws Exception {
        TestEndpoint endpointA = endpoint();
        TestEndpoint endpointB = endpoint();
        Recorder a = new Recorder("A");
        Recorder b = new Recorder("B");
        long started = System.nanoTime();
        IceController controlling = start(config(IceRole.CONTROLLING, endpointA).build(), a, endpointA);
        IceController controlled = start(config(IceRole.CONTROLLED, endpointB).build(), b, endpointB);
        wire(a, controlling, b, controlled);

        awaitSelected(a, b);
        long completedMs = (b.lastSelection().atNanos() - started) / 1_000_000;
        System.out.printf("host-host: both selected %d ms after start%n", completedMs);

        ValidPair atA = a.lastSelection().pair();
        ValidPair atB = b.lastSelection().pair();
        assertTrue(atA.direct() && atB.direct());
        assertEquals(CandidateKind.HOST, atA.localKind());
        assertEquals(endpointA.address(), atA.localBase());
        assertEquals(endpointB.address(), atA.remoteAddress());
        assertEquals(endpointA.address(), atB.remoteAddress());
        assertEquals("direct pair validated", a.lastSelection().reason());
        Await.until(PATIENCE, () -> a.reached(AgentState.COMPLETED) && b.reached(AgentState.COMPLETED),
                () -> a + " / " + b);
        assertEquals(atA, controlling.selectedPair().orElseThrow());

        byte[] hello = "hello over the selected pair".getBytes(StandardCharsets.UTF_8);
        endpointA.sendApp(hello, atA.remoteAddress());
        TestEndpoint.Received atBData = endpointB.nextApp(Duration.ofSeconds(5));
        assertNotNull(atBData);
        assertArrayEquals(hello, atBData.data());
        assertEquals(atB.remoteAddress(), atBData.from());
        byte[] back = "and back".getBytes(StandardCharsets.UTF_8);
        endpointB.sendApp(back, atB.remoteAddress());
        assertArrayEquals(back, endpointA.nextApp(Duration.ofSeconds(5)).data());

        assertTrue(a.gatheringDone.contains(controlling.localUfrag()));
        assertEquals(0, endpointA.unclaimedStun() + endpointB.unclaimedStun(), "every STUN datagram found its Agent");
    }
}
