package dev.punchline.it.ice;

import dev.punchline.it.lab.LabExtension;
import dev.punchline.it.lab.LabRelayExtension;
import dev.punchline.tun.lab.Lab;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Behaviour 4: NAT rebinding mid-stream. One NAT, then both, forget their mappings (conntrack flushed) while a
 * 50 packets/s stream runs each way between two direct peers: the direct path and the rebound side's allocation
 * die together. The session carries on, losing no more than {@link Behaviours#REBINDING_WINDOW}'s packets, and
 * both sides are direct again, on paths found by fresh ICE checks (never by trusting frames from a new source).
 */
@Timeout(90)
class NatRebindingLabTest {

    @RegisterExtension
    @Order(1)
    static final LabExtension LAB = LabExtension.of(IceTopologies.twoEndpointIndependentNats());

    @RegisterExtension
    @Order(2)
    static final LabRelayExtension RELAY = new LabRelayExtension(LAB, IceTopologies.RELAY);

    /** Whose NAT rebinds. */
    enum Rebound {
        ONE_NAT(IceTopologies.ALICE),
        BOTH_NATS(IceTopologies.ALICE, IceTopologies.BOB);

        final List<String> hosts;

        Rebound(String... hosts) {
            this.hosts = List.of(hosts);
        }
    }

    @ParameterizedTest
    @EnumSource(Rebound.class)
    void theSessionCarriesOnThroughARebindingAndGoesDirectAgain(Rebound rebound, Lab lab) throws Exception {
        Behaviours.natRebindingRecovers(lab, List.of(RELAY.address()), rebound.hosts);
    }
}
