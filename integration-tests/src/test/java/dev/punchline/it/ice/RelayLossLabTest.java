package dev.punchline.it.ice;

import dev.punchline.it.lab.LabExtension;
import dev.punchline.it.lab.LabRelay;
import dev.punchline.tun.lab.Host;
import dev.punchline.tun.lab.Lab;
import dev.punchline.turn.server.TurnServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behaviour 6 with our relay: the relay both sessions use is stopped (its sockets close, it answers nothing more,
 * as after a crash) once they are direct. The data goes on direct without loss, the loss is reported within the
 * liveness window, and both sessions re-allocate — on the second relay when one is configured, on the same one
 * once it is back otherwise — and announce the new relayed candidate, which then carries the data.
 */
@Timeout(90)
class RelayLossLabTest {

    @RegisterExtension
    static final LabExtension LAB = LabExtension.of(IceTopologies.twoEndpointIndependentNats());

    @Test
    void aKilledRelayIsReplacedOnTheOtherRelayWhileDirectTrafficGoesOn(Lab lab) throws Exception {
        Host first = lab.host(IceTopologies.RELAY);
        Host second = lab.host(IceTopologies.SECOND_RELAY);
        try (TurnServer killed = LabRelay.start(first); TurnServer other = LabRelay.start(second)) {
            Behaviours.relayKilledWhileDirect(lab, List.of(LabRelay.address(first), LabRelay.address(second)),
                    killed::close, () -> { }, second.address());
        }
    }

    @Test
    void aKilledRelayThatComesBackIsAllocatedOnAgain(Lab lab) throws Exception {
        Host host = lab.host(IceTopologies.RELAY);
        TurnServer[] relay = {LabRelay.start(host)};
        try {
            Behaviours.relayKilledWhileDirect(lab, List.of(LabRelay.address(host)), relay[0]::close,
                    () -> relay[0] = LabRelay.start(host), host.address());
        } finally {
            relay[0].close();
        }
    }
}
