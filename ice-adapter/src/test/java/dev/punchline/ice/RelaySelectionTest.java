package dev.punchline.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.punchline.ice.control.IceRole;
import dev.punchline.turn.server.TurnServer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several relays: LOWEST_RTT allocates on all, keeps one, gives the others back at once. */
@Timeout(30)
class RelaySelectionTest {

    @Test
    void lowestRttKeepsOneAllocationAndReleasesTheOthers() throws Exception {
        try (TurnServer first = SessionFixture.relay(null); TurnServer second = SessionFixture.relay(null)) {
            Peer a = new Peer("A");
            a.session = Session.open(SessionFixture.config(IceRole.CONTROLLING, first, second)
                    .relaySelection(RelaySelection.LOWEST_RTT).build(), a).get(10, TimeUnit.SECONDS);
            try {
                RelayFirstSessionTest.await(() -> first.metrics().allocations() + second.metrics().allocations() == 1,
                        Duration.ofSeconds(5));
                assertEquals(2, first.metrics().allocationsCreated() + second.metrics().allocationsCreated(),
                        "both relays were asked");
                System.out.println("LOWEST_RTT kept " + a.session.relayedAddress() + "; allocations left: first "
                        + first.metrics().allocations() + ", second " + second.metrics().allocations());
            } finally {
                a.session.close();
            }
            RelayFirstSessionTest.await(() -> first.metrics().allocations() + second.metrics().allocations() == 0,
                    Duration.ofSeconds(5));
        }
    }
}
