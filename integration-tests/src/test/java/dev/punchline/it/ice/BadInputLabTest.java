package dev.punchline.it.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.punchline.ice.BadDatagrams;
import dev.punchline.ice.BadInput;
import dev.punchline.ice.BadInputCounts;
import dev.punchline.ice.ExpectedBadInput;
import dev.punchline.ice.Session;
import dev.punchline.ice.SessionDescription;
import dev.punchline.ice.link.PathKind;
import dev.punchline.ice.sdp.Candidate;
import dev.punchline.ice.sdp.CandidateType;
import dev.punchline.it.lab.LabExtension;
import dev.punchline.it.lab.LabRelayExtension;
import dev.punchline.tun.lab.Lab;
import dev.punchline.tun.lab.Site;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behaviour 9: while Alice and Bob stream 50 packets/s each way on the direct path, two attackers go at Alice with
 * every path that really reaches her. Mallory, on her LAN, sends straight to her socket: garbage, ChannelData,
 * STUN with wrong credentials or none, unmatched responses, Link frames; and, forging its source, Link frames
 * "from Bob" with sequence numbers far outside the window or echoes of data never sent, and ChannelData for
 * unbound channels and Data indications "from the relay". Eve, on the internet, sends the same stranger's mix
 * through an allocation of her own on the relay Alice uses (Alice pre-permits the relay's IP, so it passes), and
 * straight at Alice's public mapping, which her NAT drops. Nothing is lost or reordered, no path event happens,
 * and every datagram that reached Alice is counted under its reason — no more.
 */
@Timeout(120)
class BadInputLabTest {

    @RegisterExtension
    @Order(1)
    static final LabExtension LAB = LabExtension.of(IceTopologies.twoEndpointIndependentNatsWithAttackers());

    @RegisterExtension
    @Order(2)
    static final LabRelayExtension RELAY = new LabRelayExtension(LAB, IceTopologies.RELAY);

    private static final Duration TO_DIRECT = Duration.ofSeconds(10);
    private static final int STRANGER_STRAIGHT = 600;
    private static final int STRANGER_RELAYED = 300;
    private static final int FORGED_FROM_PEER = 200;
    private static final int FORGED_FROM_RELAY = 100;
    private static final int AT_THE_NAT = 100;
    /** Channels our client never binds (it counts up from 0x4000), so forged ChannelData cannot hit a real one. */
    private static final int UNBOUND_CHANNELS = 0x7000;
    /** Far beyond any sequence number a 50 packets/s stream reaches in a test, and beyond the receive window. */
    private static final long FAR_AHEAD = 1L << 40;
    /** After the attack, relayed datagrams and the stream still in flight (WAN delay, relay) arrive. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    @Test
    void badInputIsDroppedAndCountedByReasonAndNeverDisturbsTheSession(Lab lab) throws Exception {
        long seed = System.nanoTime();
        System.out.println("bad input seed " + seed);
        BadDatagrams bad = new BadDatagrams(seed);
        InetSocketAddress relay = RELAY.address();
        lanAsASwitch(lab.site(IceTopologies.HOME));
        try (SessionPair pair = Behaviours.connect(lab, List.of(relay));
             LabAttacker mallory = LabAttacker.on(lab.host(IceTopologies.MALLORY));
             LabAttacker eve = LabAttacker.on(lab.host(IceTopologies.EVE))) {
            StreamCheck stream = StreamCheck.start(pair, 50, lab);
            SessionPair.await(() -> Behaviours.bothOn(pair, PathKind.DIRECT), TO_DIRECT, "both on the direct path");
            Thread.sleep(500);
            int aliceEvents = pair.offerer.paths.size();
            int bobEvents = pair.answerer.paths.size();
            Session alice = pair.offerer.session;
            SessionDescription aliceDescription = alice.localDescription();
            SessionDescription bobDescription = pair.answerer.session.localDescription();
            String ufrag = aliceDescription.credentials().ufrag();
            InetSocketAddress aliceSocket = alice.endpoints().get(0).localAddress();
            InetSocketAddress aliceRelayed = alice.relayedAddress();
            InetSocketAddress alicePublic = serverReflexive(aliceDescription);
            InetSocketAddress bobPublic = serverReflexive(bobDescription);
            InetSocketAddress bobRelayed = pair.answerer.session.relayedAddress();
            BadInputCounts before = alice.badInput();

            ExpectedBadInput expected = new ExpectedBadInput();
            for (int i = 0; i < STRANGER_STRAIGHT; i++) {
                BadDatagrams.Sample sample = bad.next(ufrag);
                expected.add(sample.expected(), 1);
                mallory.send(sample.bytes(), aliceSocket);
                pace(i);
            }
            for (int i = 0; i < STRANGER_RELAYED; i++) {
                BadDatagrams.Sample sample = bad.next(ufrag);
                expected.add(sample.expected(), 1);
                eve.sendThroughRelay(relay, sample.bytes(), aliceRelayed);
                pace(i);
            }
            for (int i = 0; i < AT_THE_NAT; i++) {
                eve.send(bad.next(ufrag).bytes(), alicePublic);
                pace(i);
            }
            for (int i = 0; i < FORGED_FROM_PEER; i++) {
                // Far outside the window, each far from the last (no run of them can move it), or acknowledging
                // data never sent.
                byte[] frame = i % 2 == 0 ? bad.linkFrame(FAR_AHEAD * (1 + i), 0) : bad.linkFrame(1 + i, FAR_AHEAD);
                mallory.sendAs(bobPublic, frame, aliceSocket);
                pace(i);
            }
            expected.add(BadInput.FORGED_FRAME, FORGED_FROM_PEER);
            for (int i = 0; i < FORGED_FROM_RELAY; i++) {
                mallory.sendAs(relay, bad.channelData(UNBOUND_CHANNELS + i), aliceSocket);
                mallory.sendAs(relay, bad.dataIndication(bobRelayed, bad.linkFrame(FAR_AHEAD * (1 + i), 0)),
                        aliceSocket);
                pace(i);
            }
            expected.add(BadInput.UNKNOWN_CHANNEL, FORGED_FROM_RELAY);
            expected.add(BadInput.FORGED_FRAME, FORGED_FROM_RELAY);
            Thread.sleep(SETTLE.toMillis());
            StreamCheck.Outcome outcome = stream.stop();
            BadInputCounts after = alice.badInput();
            System.out.println("under attack: " + outcome + "; Alice counted " + after + " (before the attack " + before
                    + "), expected " + expected + " more; Alice's sockets: "
                    + alice.endpoints().get(0).demultiplexer().counters());

            outcome.assertLossless();
            assertEquals(aliceEvents, pair.offerer.paths.size(), "Alice's path events: " + pair.offerer.paths);
            assertEquals(bobEvents, pair.answerer.paths.size(), "Bob's path events: " + pair.answerer.paths);
            assertEquals(PathKind.DIRECT, pair.offerer.currentKind());
            expected.assertCounted(before, after);
        }
    }

    /**
     * The lab's LAN is a Linux bridge in the site router's namespace, and br_netfilter (on by default in every
     * namespace) runs the router's conntrack and NAT over frames bridged between two hosts of the LAN — which a
     * switch never does: a forged frame whose reply tuple collides with Alice's NATed flow to that source gets its
     * source port rewritten on the way, as an implicit NAT binding. Off, so Mallory reaches Alice as on a real LAN.
     */
    private static void lanAsASwitch(Site site) throws Exception {
        for (String router : site.routerNamespaces()) {
            Process p = new ProcessBuilder("ip", "netns", "exec", router, "sysctl", "-qw",
                    "net.bridge.bridge-nf-call-iptables=0").inheritIO().start();
            assertEquals(0, p.waitFor(), "br_netfilter off in " + router);
        }
    }

    private static InetSocketAddress serverReflexive(SessionDescription description) {
        return description.candidates().stream().filter(c -> c.type() == CandidateType.SERVER_REFLEXIVE)
                .map(Candidate::socketAddress).flatMap(java.util.Optional::stream).findFirst()
                .orElseThrow(() -> new AssertionError("no srflx candidate in " + description));
    }

    /** About a thousand datagrams a second: twenty times the stream's rate, not a flood of the lab's WAN. */
    private static void pace(int i) throws InterruptedException {
        if (i % 2 == 1) {
            Thread.sleep(1);
        }
    }
}
