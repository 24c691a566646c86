package dev.punchline.it.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.it.lab.LabExtension;
import dev.punchline.it.lab.LabRelay;
import dev.punchline.tun.lab.AddressPlan;
import dev.punchline.tun.lab.Host;
import dev.punchline.tun.lab.Lab;
import dev.punchline.turn.server.ListenAddress;
import dev.punchline.turn.server.TurnServer;
import dev.punchline.turn.server.TurnServerConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behaviour 8: a session idle for longer than its TURN allocation's lifetime (8 s here; permissions and channels
 * too) keeps the allocation and still delivers. Symmetric NATs, so the relay is the only path.
 */
@Timeout(60)
class IdleAllocationLabTest {

    private static final Duration LIFETIME = Duration.ofSeconds(8);

    @RegisterExtension
    static final LabExtension LAB = LabExtension.of(IceTopologies.twoSymmetricNats());

    @Test
    void anIdleSessionKeepsItsAllocationPastTheLifetimeAndStillDelivers(Lab lab) throws Exception {
        Host relay = lab.host(IceTopologies.RELAY);
        InetSocketAddress address = LabRelay.address(relay);
        TurnServerConfig.Builder config = TurnServerConfig.builder()
                .listen(ListenAddress.udp(address))
                .realm("lab")
                .user(LabRelay.USER, LabRelay.PASSWORD)
                .defaultLifetime(LIFETIME).maxLifetime(LIFETIME)
                .permissionLifetime(LIFETIME).channelLifetime(LIFETIME)
                .eventLoopThreads(1);
        AddressPlan.PUBLIC_RANGES.forEach(config::allowPeer);
        TurnServerConfig built = config.build();
        try (TurnServer server = relay.runInNamespace(() -> TurnServer.start(built));
             SessionPair pair = Behaviours.connect(lab, List.of(address))) {
            InetSocketAddress relayed = pair.offerer.session.relayedAddress();
            Thread.sleep(LIFETIME.multipliedBy(2).toMillis());

            StreamCheck stream = StreamCheck.start(pair, 50, lab);
            Thread.sleep(1000);
            StreamCheck.Outcome outcome = stream.stop();
            System.out.println("after " + LIFETIME.multipliedBy(2).toSeconds() + " s idle: " + outcome);

            assertEquals(relayed, pair.offerer.session.relayedAddress(), "the same allocation");
            assertTrue(pair.offerer.relayLosses.isEmpty() && pair.answerer.relayLosses.isEmpty(),
                    "no relay lost: " + pair.offerer.relayLosses + " " + pair.answerer.relayLosses);
            outcome.assertLossless();
        }
    }
}
