package dev.punchline.it.ice;

import dev.punchline.it.lab.LabExtension;
import dev.punchline.tun.lab.CutDirection;
import dev.punchline.tun.lab.Lab;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Behaviour 7, cases 1 and 3: coturn as the TURN server instead of ours, two endpoint-independent NATs. */
@Timeout(60)
class CoturnRelayLabTest {

    @RegisterExtension
    static final LabExtension LAB = LabExtension.of(IceTopologies.twoEndpointIndependentNats());

    private static LabCoturn coturn;

    @BeforeAll
    static void startCoturn() throws Exception {
        coturn = LabCoturn.start(LAB.lab().host(IceTopologies.RELAY));
    }

    @AfterAll
    static void stopCoturn() {
        if (coturn != null) {
            coturn.close();
        }
    }

    @Test
    void firstPacketsThroughCoturnThenDirectWithNothingLostOrReordered(Lab lab) throws Exception {
        Behaviours.relayFirstThenDirect(lab, List.of(coturn.address()), 50);
    }

    @ParameterizedTest
    @EnumSource(CutDirection.class)
    void aCutDirectPathFallsBackToCoturnWithinASecondAndComesBack(CutDirection direction, Lab lab) throws Exception {
        Behaviours.cutFallsBackAndComesBack(lab, List.of(coturn.address()), direction);
    }
}
