package dev.punchline.it.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.punchline.ice.RelayServer;
import dev.punchline.ice.SessionConfig;
import dev.punchline.ice.control.IceRole;
import dev.punchline.ice.link.PathKind;
import dev.punchline.it.lab.LabExtension;
import dev.punchline.it.lab.LabRelay;
import dev.punchline.it.lab.LabRelayExtension;
import dev.punchline.tun.lab.Host;
import dev.punchline.tun.lab.Lab;
import dev.punchline.turn.client.TransportProtocol;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** UDP blocked on Alice's side: her session runs over TURN on TCP, from the first packet, without loss. */
@Timeout(60)
class UdpBlockedLabTest {

    @RegisterExtension
    @Order(1)
    static final LabExtension LAB = LabExtension.of(IceTopologies.udpBlocked());

    @RegisterExtension
    @Order(2)
    static final LabRelayExtension RELAY = new LabRelayExtension(LAB, IceTopologies.RELAY);

    @Test
    void aPeerBehindAUdpBlockingFirewallRunsOverTurnOnTcp(Lab lab) throws Exception {
        Host alice = lab.host(IceTopologies.ALICE);
        Host bob = lab.host(IceTopologies.BOB);
        SessionConfig.Builder overTcp = SessionConfig.builder(IceRole.CONTROLLING)
                .bind(new java.net.InetSocketAddress(alice.address(), 0))
                .relay(RelayServer.udp(RELAY.address(), LabRelay.USER, LabRelay.PASSWORD)
                        .withProtocol(TransportProtocol.TCP));
        try (SessionPair pair = SessionPair.connect(alice, overTcp, bob,
                SessionPair.config(IceRole.CONTROLLED, bob, List.of(RELAY.address())))) {
            StreamCheck stream = StreamCheck.start(pair, 50, lab);
            SessionPair.await(() -> pair.offerer.firstArrivalNanos.get() != 0
                    && pair.answerer.firstArrivalNanos.get() != 0, Duration.ofSeconds(2), "first packet each way");
            Thread.sleep(2000);
            StreamCheck.Outcome outcome = stream.stop();
            System.out.println("UDP blocked, TURN over TCP: " + outcome);

            outcome.assertLossless();
            assertEquals(PathKind.RELAY, pair.offerer.currentKind(), "alice stays on the relay");
            assertEquals(PathKind.RELAY, pair.answerer.currentKind(), "bob stays on the relay");
        }
    }
}
