package dev.punchline.it.ice;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.it.lab.LabExtension;
import dev.punchline.it.support.ItTimings;
import dev.punchline.it.support.StunProbe;
import dev.punchline.tun.lab.Lab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** coturn as the lab's relay: it starts on a public host and answers a peer behind a NAT. */
class LabCoturnTest {

    @RegisterExtension
    static final LabExtension LAB = LabExtension.of(IceTopologies.twoSymmetricNats());

    @Test
    void coturnOnTheRelayHostAnswersAPeerBehindANat(Lab lab) throws Exception {
        try (LabCoturn coturn = LabCoturn.start(lab.host(IceTopologies.RELAY))) {
            boolean answered = lab.host(IceTopologies.ALICE).runInNamespace(
                    () -> StunProbe.answers(coturn.address(), ItTimings.COTURN_START, () -> true));
            assertTrue(answered, "coturn at " + coturn.address() + " answers alice");
        }
    }
}
