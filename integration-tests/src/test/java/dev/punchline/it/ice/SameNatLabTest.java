package dev.punchline.it.ice;

import dev.punchline.it.lab.LabExtension;
import dev.punchline.it.lab.LabRelayExtension;
import dev.punchline.tun.lab.Lab;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Behaviour 5: Alice and Bob behind one NAT. Their relay is 40 ms away one way (two WAN crossings) and their LAN
 * a fraction of a millisecond, so at the switch a packet on the LAN overtakes everything the relay still carries.
 */
@Timeout(60)
class SameNatLabTest {

    @RegisterExtension
    @Order(1)
    static final LabExtension LAB = LabExtension.of(IceTopologies.sameNat());

    @RegisterExtension
    @Order(2)
    static final LabRelayExtension RELAY = new LabRelayExtension(LAB, IceTopologies.RELAY);

    @ParameterizedTest(name = "{0} packets/s")
    @ValueSource(ints = {50, 5000})
    void theyMeetOnTheLanWithNothingLostOrReordered(int packetsPerSecond, Lab lab) throws Exception {
        Behaviours.directOnTheLan(lab, List.of(RELAY.address()), packetsPerSecond);
    }
}
