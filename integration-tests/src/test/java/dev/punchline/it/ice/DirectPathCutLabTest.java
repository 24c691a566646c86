package dev.punchline.it.ice;

import dev.punchline.it.lab.LabExtension;
import dev.punchline.it.lab.LabRelayExtension;
import dev.punchline.tun.lab.CutDirection;
import dev.punchline.tun.lab.Lab;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Behaviour 3: the direct path cut, both ways or one way only, while a 50 packets/s stream runs. Both sides are
 * back on the relay within a second (default settings), losing no more than that second's packets; once the path
 * is restored, both go direct again.
 */
@Timeout(60)
class DirectPathCutLabTest {

    @RegisterExtension
    @Order(1)
    static final LabExtension LAB = LabExtension.of(IceTopologies.twoEndpointIndependentNats());

    @RegisterExtension
    @Order(2)
    static final LabRelayExtension RELAY = new LabRelayExtension(LAB, IceTopologies.RELAY);

    @ParameterizedTest
    @EnumSource(CutDirection.class)
    void aCutDirectPathFallsBackToTheRelayWithinASecondAndComesBack(CutDirection direction, Lab lab)
            throws Exception {
        Behaviours.cutFallsBackAndComesBack(lab, List.of(RELAY.address()), direction);
    }
}
