package dev.punchline.ice.control;

import dev.punchline.turn.client.TurnAllocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A's TURN allocation (our server, our client) as a relayed candidate next to both hosts. */
class RelayNominationTest extends ControlFixture {

    private LoopbackTurn turn;
    private TestEndpoint endpointA;
    private TestEndpoint endpointB;
    private TurnAllocation allocation;
    private final Recorder a = new Recorder("A");
    private final Recorder b = new Recorder("B");

    @BeforeEach
    void relay() throws Exception {
        turn = LoopbackTurn.start();
        endpointA = endpoint();
        endpointB = endpoint();
        allocation = turn.allocate(group);
    }

    @AfterEach
    void closeRelay() {
        allocation.close();
        turn.close();
    }

    private long startPair() {
        long started = System.nanoTime();
        IceController controlling = start(config(IceRole.CONTROLLING, endpointA)
                .relay(LoopbackTurn.relayEndpoint(allocation)).reprobe(false).build(), a, endpointA);
        LoopbackTurn.feed(allocation, controlling);
        IceController controlled = start(config(IceRole.CONTROLLED, endpointB).build(), b, endpointB);
        wire(a, controlling, b, controlled);
        return started;
    }

    @Test
    void theRelayIsSelectedOnlyOnceEveryDirectPairHasFailed() {
        // A firewall between the hosts: only what went through the relay passes.
        endpointA.dropFrom(endpointB.address()::equals);
        endpointB.dropFrom(endpointA.address()::equals);
        long started = startPair();

        awaitSelected(a, b);
        Recorder.Selection selection = a.lastSelection();
        long selectedMs = (selection.atNanos() - started) / 1_000_000;
        System.out.printf("relay only: relay pair selected %d ms after start (%s)%n", selectedMs, selection.reason());
        assertFalse(selection.pair().direct());
        assertEquals(CandidateKind.RELAYED, selection.pair().localKind());
        assertEquals(allocation.relayedAddress(), selection.pair().localBase());
        assertTrue(selection.reason().startsWith("all ") && selection.reason().endsWith("direct candidate pairs failed"),
                selection.reason());
        assertTrue(selectedMs >= 6_300, "not before ice4j's direct checks ran out (6.3 s): " + selectedMs);
        assertTrue(a.validated.stream().noneMatch(ValidPair::direct));
        assertEquals(endpointB.address(), selection.pair().remoteAddress());
        assertEquals(allocation.relayedAddress(), b.lastSelection().pair().remoteAddress());
        assertFalse(b.lastSelection().pair().direct(), "B sees A's relayed candidate at the other end");
    }

    @Test
    void aRelayPairThatValidatesFirstIsHeldUntilTheDirectPairValidates() {
        // The direct path opens 1.5 s late (think of a NAT both sides must punch): the relay pair validates
        // first, and a first-valid nominator would have pinned the session to the relay for good.
        long opensAt = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        endpointA.dropFrom(from -> from.equals(endpointB.address()) && System.nanoTime() < opensAt);
        endpointB.dropFrom(from -> from.equals(endpointA.address()) && System.nanoTime() < opensAt);
        startPair();

        awaitSelected(a, b);
        assertTrue(a.lastSelection().pair().direct(), a.toString());
        assertEquals("direct pair validated", a.lastSelection().reason());
        assertEquals(endpointB.address(), a.lastSelection().pair().remoteAddress());
        assertTrue(b.lastSelection().pair().direct());
        assertFalse(a.validated.get(0).direct(), "the relayed pair validated first: " + a.validated);
        assertEquals(1, a.selections.size());
    }
}
