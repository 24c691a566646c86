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
 * Behaviour 1: two endpoint-independent NATs, 20 ms one-way WAN delay. The first packet each way arrives through
 * the relay without waiting for ICE, then the traffic moves to the direct path with nothing lost or reordered.
 */
@Timeout(60)
class RelayFirstLabTest {

    @RegisterExtension
    @Order(1)
    static final LabExtension LAB = LabExtension.of(IceTopologies.twoEndpointIndependentNats());

    @RegisterExtension
    @Order(2)
    static final LabRelayExtension RELAY = new LabRelayExtension(LAB, IceTopologies.RELAY);

    @ParameterizedTest(name = "{0} packets/s")
    @ValueSource(ints = {50, 5000})
    void firstPacketsThroughTheRelayThenDirectWithNothingLostOrReordered(int packetsPerSecond, Lab lab)
            throws Exception {
        Behaviours.relayFirstThenDirect(lab, List.of(RELAY.address()), packetsPerSecond);
    }
}
