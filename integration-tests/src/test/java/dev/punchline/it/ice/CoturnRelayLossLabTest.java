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
 * Behaviour 6 against coturn: the sessions allocate on coturn, whose process is killed (SIGKILL) once they are
 * direct; they notice within the liveness window and re-allocate on the second relay (ours).
 */
@Timeout(90)
class CoturnRelayLossLabTest {

    @RegisterExtension
    static final LabExtension LAB = LabExtension.of(IceTopologies.twoEndpointIndependentNats());

    @Test
    void aKilledCoturnIsReplacedOnTheOtherRelayWhileDirectTrafficGoesOn(Lab lab) throws Exception {
        Host second = lab.host(IceTopologies.SECOND_RELAY);
        try (LabCoturn coturn = LabCoturn.start(lab.host(IceTopologies.RELAY));
             TurnServer other = LabRelay.start(second)) {
            Behaviours.relayKilledWhileDirect(lab, List.of(coturn.address(), LabRelay.address(second)),
                    () -> coturn.process().kill(), () -> { }, second.address());
        }
    }
}
