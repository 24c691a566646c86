package dev.punchline.it.ice;

import dev.punchline.it.lab.LabExtension;
import dev.punchline.it.lab.LabRelayExtension;
import dev.punchline.tun.lab.Lab;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behaviour 2: symmetric NATs on both sides. The session works on the relay alone, stays there without a single
 * path event for a minute (re-probes of the direct candidates included), and says why the peer is relayed.
 */
@Timeout(100)
class SymmetricNatLabTest {

    @RegisterExtension
    @Order(1)
    static final LabExtension LAB = LabExtension.of(IceTopologies.twoSymmetricNats());

    @RegisterExtension
    @Order(2)
    static final LabRelayExtension RELAY = new LabRelayExtension(LAB, IceTopologies.RELAY);

    @Test
    void theSessionRunsOnTheRelayAloneStablyAndSaysWhy(Lab lab) throws Exception {
        Behaviours.relayOnlyStable(lab, List.of(RELAY.address()), Duration.ofSeconds(60));
    }
}
