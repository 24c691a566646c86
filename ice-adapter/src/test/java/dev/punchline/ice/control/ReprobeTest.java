package dev.punchline.ice.control;

import dev.punchline.turn.client.TurnAllocation;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReprobeTest extends ControlFixture {

    @Test
    void onTheRelayTheControllingSideReprobesWithAFreshAgentAndMovesToDirectOnceItWorks() throws Exception {
        try (LoopbackTurn turn = LoopbackTurn.start()) {
            TestEndpoint endpointA = endpoint();
            TestEndpoint endpointB = endpoint();
            TurnAllocation allocation = turn.allocate(group);
            Recorder a = new Recorder("A");
            Recorder b = new Recorder("B");
            endpointA.dropFrom(endpointB.address()::equals);
            endpointB.dropFrom(endpointA.address()::equals);

            IceController controlling = start(config(IceRole.CONTROLLING, endpointA)
                    .relay(LoopbackTurn.relayEndpoint(allocation))
                    .relayNominationDeadline(Duration.ofSeconds(2))
                    .reprobeInterval(Duration.ofSeconds(1), Duration.ofSeconds(2)).build(), a, endpointA);
            LoopbackTurn.feed(allocation, controlling);
            IceController controlled = start(config(IceRole.CONTROLLED, endpointB).build(), b, endpointB);
            wire(a, controlling, b, controlled);

            awaitSelected(a);
            String relayedUfrag = a.lastSelection().pair().ufrag();
            assertFalse(a.lastSelection().pair().direct());
            assertEquals("no direct pair validated within 2000 ms", a.lastSelection().reason());

            endpointA.dropFrom(from -> false);
            endpointB.dropFrom(from -> false);
            Await.until(PATIENCE, () -> a.lastSelection().pair().direct(), a::toString);

            String directUfrag = a.lastSelection().pair().ufrag();
            assertTrue(!directUfrag.equals(relayedUfrag), "a fresh Agent found it: " + a);
            assertEquals(directUfrag, controlling.localUfrag());
            Await.until(PATIENCE, () -> a.order.contains("CLOSED " + relayedUfrag), a::toString);
            assertTrue(a.order.indexOf("selected " + directUfrag + " direct") < a.order.indexOf("CLOSED " + relayedUfrag),
                    "the relayed Agent answered until the direct one had selected: " + a.order);
            // The controlled side learns of the nomination from A's check, a moment after A selected.
            Await.until(PATIENCE, () -> b.lastSelection().pair().direct(), b::toString);
            allocation.close();
        }
    }
}
