package dev.punchline.it.ice;

import dev.punchline.it.lab.LabExtension;
import dev.punchline.it.lab.LabRelayExtension;
import dev.punchline.tun.lab.Lab;
import dev.punchline.ice.link.LinkStats;
import dev.punchline.ice.link.PathKind;
import dev.punchline.ice.link.PathStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

    /**
     * The answerer installs permissions for the offer's candidates before it answers — a relay round trip, 40 ms
     * here — but its first packet need not wait for them: it goes relay to relay, which both allocations
     * pre-permit. Sent at once, it is on its way while the permissions are still pending, and it is delivered.
     */
    @Test
    void theAnswerersFirstPacketLeavesBeforeItsPermissionsAreInstalled(Lab lab) throws Exception {
        try (SessionPair pair = SessionPair.open(lab.host(IceTopologies.ALICE), lab.host(IceTopologies.BOB),
                List.of(RELAY.address()))) {
            CompletableFuture<Void> permitted = pair.answerer.session
                    .applyRemoteDescription(pair.offerer.session.localDescription());
            pair.answerer.send(new byte[] {1});
            // Taken on the session's thread, after the send: the round trip cannot have ended unless that thread
            // stalled for the whole 40 ms.
            LinkStats sent = pair.answerer.session.statistics();
            boolean permittedBeforeTheSend = permitted.isDone();

            assertFalse(permittedBeforeTheSend, "the permissions were already installed when the packet was sent");
            PathStats relay = sent.paths().stream().filter(p -> p.kind() == PathKind.RELAY).findFirst().orElseThrow();
            assertEquals(1, relay.dataSent(), "the first packet went on the relay path: " + sent);
            permitted.get(5, TimeUnit.SECONDS);
            pair.offerer.session.applyRemoteDescription(pair.answerer.session.localDescription())
                    .get(5, TimeUnit.SECONDS);
            SessionPair.await(() -> pair.offerer.firstArrivalNanos.get() != 0, Duration.ofSeconds(2),
                    "the answerer's first packet at the offerer");
        }
    }
}
