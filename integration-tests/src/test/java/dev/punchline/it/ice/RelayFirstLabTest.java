package dev.punchline.it.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.punchline.ice.SessionPath;
import dev.punchline.ice.link.PathKind;
import dev.punchline.it.lab.LabExtension;
import dev.punchline.it.lab.LabRelayExtension;
import dev.punchline.tun.lab.Lab;
import java.time.Duration;
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

    /** ICE over 40 ms round trips validates a direct pair in a few hundred ms; the Link then confirms it. */
    private static final Duration TO_DIRECT = Duration.ofSeconds(10);
    /** Stream kept going on the direct path after the switch, so both sides of it are in the count. */
    private static final Duration AFTER_SWITCH = Duration.ofSeconds(1);

    @RegisterExtension
    @Order(1)
    static final LabExtension LAB = LabExtension.of(IceTopologies.twoEndpointIndependentNats());

    @RegisterExtension
    @Order(2)
    static final LabRelayExtension RELAY = new LabRelayExtension(LAB, IceTopologies.RELAY);

    @ParameterizedTest(name = "{0} packets/s")
    @ValueSource(ints = 50)
    void firstPacketsThroughTheRelayThenDirectWithNothingLostOrReordered(int packetsPerSecond, Lab lab)
            throws Exception {
        try (SessionPair pair = SessionPair.connect(lab.host(IceTopologies.ALICE), lab.host(IceTopologies.BOB),
                List.of(RELAY.address()), config -> config)) {
            StreamCheck stream = StreamCheck.start(pair, packetsPerSecond, lab.wan());
            SessionPair.await(() -> pair.offerer.firstArrivalNanos.get() != 0
                    && pair.answerer.firstArrivalNanos.get() != 0, Duration.ofSeconds(2), "first packet each way");
            System.out.printf("first packet: offerer->answerer %.1f ms after the answerer applied the offer, "
                    + "answerer->offerer %.1f ms after the offerer applied the answer%n",
                    (pair.answerer.firstArrivalNanos.get() - pair.answerApplied) / 1e6,
                    (pair.offerer.firstArrivalNanos.get() - pair.answerApplied) / 1e6);
            SessionPair.await(() -> pair.offerer.currentKind() == PathKind.DIRECT
                    && pair.answerer.currentKind() == PathKind.DIRECT, TO_DIRECT, "both sides on the direct path");
            Thread.sleep(AFTER_SWITCH.toMillis());
            StreamCheck.Outcome outcome = stream.stop();
            System.out.println(packetsPerSecond + " packets/s: " + outcome);

            outcome.assertLossless();
            for (LabPeer peer : List.of(pair.offerer, pair.answerer)) {
                List<PathKind> kinds = peer.paths.stream().map(SessionPath::kind).toList();
                assertEquals(PathKind.RELAY, kinds.get(0), peer.name + "'s first path: " + peer.paths);
                assertEquals(PathKind.DIRECT, kinds.get(kinds.size() - 1), peer.name + "'s last path: " + peer.paths);
                assertNotEquals(-1, kinds.indexOf(PathKind.DIRECT), peer.name + " went direct");
            }
        }
    }
}
