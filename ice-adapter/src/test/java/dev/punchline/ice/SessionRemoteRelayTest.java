package dev.punchline.ice;

import dev.punchline.ice.control.IceRole;
import dev.punchline.ice.link.LinkStats;
import dev.punchline.ice.link.PathKind;
import dev.punchline.ice.link.PathStats;
import dev.punchline.ice.sdp.Candidate;
import dev.punchline.ice.sdp.CandidateType;
import dev.punchline.ice.sdp.IceCredentials;
import dev.punchline.ice.sdp.IceOptions;
import dev.punchline.turn.server.TurnServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which of a peer's addresses the relay path leads to. A Punchline peer that answers an ICE restart while it
 * re-allocates its own relay sends a description with no relayed candidate: that must not turn one of its other
 * candidates (its private host address, in the lab) into the far end of the relay path.
 */
class SessionRemoteRelayTest {

    @Test
    void aDescriptionWithoutARelayedCandidateLeavesTheRelayPathAlone() throws Exception {
        try (TurnServer turn = SessionFixture.relay(null)) {
            Peer a = new Peer("A");
            a.session = Session.open(SessionFixture.config(IceRole.CONTROLLING, turn).build(), a)
                    .get(20, TimeUnit.SECONDS);
            try {
                InetAddress loopback = InetAddress.getLoopbackAddress();
                InetSocketAddress peerRelay = new InetSocketAddress(SessionFixture.relayIp(), 50_000);
                InetSocketAddress peerHost = new InetSocketAddress(loopback, 40_000);
                IceOptions punchline = IceOptions.of(IceOptions.TRICKLE, IceOptions.PUNCHLINE);
                Candidate relayed = Candidate.udp("1", 1, 100, peerRelay, CandidateType.RELAYED);
                a.session.applyRemoteDescription(new SessionDescription(IceCredentials.generate(), punchline,
                        List.of(relayed), relayed)).get(10, TimeUnit.SECONDS);
                assertEquals(List.of(peerRelay), relayPathEnds(a.session));

                Candidate host = Candidate.udp("2", 1, 2_000_000_000, peerHost, CandidateType.HOST);
                a.session.applyRemoteDescription(new SessionDescription(IceCredentials.generate(), punchline,
                        List.of(host), null)).get(10, TimeUnit.SECONDS);
                // The permission for the host address is in: a relay path to it would be added right after.
                Thread.sleep(200);
                assertEquals(List.of(peerRelay), relayPathEnds(a.session));
            } finally {
                a.session.close();
            }
        }
    }

    /** Where the session's relay paths lead, from their ids ("relay:ours->theirs"). */
    private static List<InetSocketAddress> relayPathEnds(Session session) {
        LinkStats stats = session.statistics();
        return stats.paths().stream().filter(p -> p.kind() == PathKind.RELAY).map(PathStats::id)
                .map(id -> id.substring(id.indexOf("->") + 2))
                .map(SessionRemoteRelayTest::parse).toList();
    }

    private static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        return new InetSocketAddress(host.startsWith("/") ? host.substring(1) : host,
                Integer.parseInt(address.substring(colon + 1)));
    }
}
