package dev.punchline.it.ice;

import dev.punchline.it.lab.LabExtension;
import dev.punchline.tun.lab.Lab;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behaviour 7, case 2: coturn as the only way between two symmetric NATs. The minute-long stability check runs
 * against our relay ({@link SymmetricNatLabTest}); here 15 s show the session stable on coturn's relay.
 */
@Timeout(60)
class CoturnRelayOnlyLabTest {

    @RegisterExtension
    static final LabExtension LAB = LabExtension.of(IceTopologies.twoSymmetricNats());

    @Test
    void theSessionRunsOnCoturnAloneStablyAndSaysWhy(Lab lab) throws Exception {
        try (LabCoturn coturn = LabCoturn.start(lab.host(IceTopologies.RELAY))) {
            Behaviours.relayOnlyStable(lab, List.of(coturn.address()), Duration.ofSeconds(15));
        }
    }
}
