package dev.punchline.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.ice.control.IceRole;
import dev.punchline.ice.link.LinkConfig;
import dev.punchline.ice.link.LinkStats;
import dev.punchline.ice.sdp.Candidate;
import dev.punchline.ice.sdp.CandidateType;
import dev.punchline.ice.sdp.IceCredentials;
import dev.punchline.ice.sdp.IceOptions;
import dev.punchline.turn.server.TurnServer;
import io.netty.buffer.Unpooled;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A forged description must not turn our relay into a flood aimed at a victim (DESIGN decision 5). */
@Timeout(30)
class SessionConsentTest {
    private static final int PACKET = 1000;
    private static final long RATE = 10_000;
    private static final long BURST = 4_000;

    @Test
    void sendingBeforeThePeerAnswersIsRateLimited() throws Exception {
        try (TurnServer turn = SessionFixture.relay(null);
             DatagramSocket victim = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Peer a = new Peer("A");
            a.session = Session.open(SessionFixture.config(IceRole.CONTROLLING, turn)
                    .linkConfig(LinkConfig.builder().unconsentedRate(RATE, BURST).build()).build(), a)
                    .get(20, TimeUnit.SECONDS);
            try {
                InetSocketAddress target = (InetSocketAddress) victim.getLocalSocketAddress();
                SessionDescription forged = new SessionDescription(IceCredentials.generate(),
                        IceOptions.of(IceOptions.TRICKLE, IceOptions.PUNCHLINE),
                        List.of(Candidate.udp("1", 1, 100, target, CandidateType.RELAYED)), null);
                a.session.applyRemoteDescription(forged).get(10, TimeUnit.SECONDS);

                long start = System.nanoTime();
                for (int i = 0; i < 2000; i++) {
                    a.session.send(Unpooled.wrappedBuffer(new byte[PACKET]));
                }
                victim.setSoTimeout(200);
                int dataPackets = 0;
                byte[] buf = new byte[2048];
                try {
                    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1)) {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        victim.receive(p);
                        if (p.getLength() >= PACKET) {
                            dataPackets++;
                        }
                    }
                } catch (SocketTimeoutException quiet) {
                    // Nothing more is coming.
                }
                LinkStats stats = a.session.statistics();
                double seconds = (System.nanoTime() - start) / 1e9;
                long allowed = (BURST + (long) (RATE * seconds)) / PACKET + 1;
                System.out.printf("unconsented: 2000 sent, %d reached the victim in %.2f s (budget %d), %d rate-limited%n",
                        dataPackets, seconds, allowed, stats.rateLimited());
                assertTrue(dataPackets <= allowed, dataPackets + " > " + allowed);
                assertTrue(dataPackets > 0, "the budget lets the first packets through");
                long mayWait = LinkConfig.DEFAULT_UNCONSENTED_BACKLOG / PACKET;
                assertTrue(stats.rateLimited() >= 2000 - allowed - mayWait, "dropped beyond what may wait: " + stats);
            } finally {
                a.session.close();
            }
        }
    }

    @Test
    void towardsAPeerWithoutPunchlineFramingNothingGoesBeforeACheckSucceeded() throws Exception {
        try (TurnServer turn = SessionFixture.relay(null);
             DatagramSocket victim = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Peer a = new Peer("A");
            a.session = Session.open(SessionFixture.config(IceRole.CONTROLLING, turn).build(), a).get(20, TimeUnit.SECONDS);
            try {
                InetSocketAddress target = (InetSocketAddress) victim.getLocalSocketAddress();
                SessionDescription standard = new SessionDescription(IceCredentials.generate(),
                        IceOptions.of(IceOptions.TRICKLE),
                        List.of(Candidate.udp("1", 1, 100, target, CandidateType.RELAYED)), null);
                a.session.applyRemoteDescription(standard).get(10, TimeUnit.SECONDS);
                for (int i = 0; i < 100; i++) {
                    a.session.send(Unpooled.wrappedBuffer(new byte[PACKET]));
                }
                victim.setSoTimeout(500);
                byte[] buf = new byte[2048];
                int dataPackets = 0;
                try {
                    while (true) {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        victim.receive(p);
                        if (p.getLength() >= PACKET) {
                            dataPackets++;
                        }
                    }
                } catch (SocketTimeoutException quiet) {
                    // Only ICE's checks (small) may arrive.
                }
                assertEquals(0, dataPackets);
                assertEquals(100, a.session.statistics().noPath());
            } finally {
                a.session.close();
            }
        }
    }
}
