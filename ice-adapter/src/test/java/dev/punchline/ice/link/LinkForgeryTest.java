package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Behaviour 9 at the Link level: frames with forged sequence numbers far ahead or far behind, impossible
 * echoes, replies to probes never sent and malformed datagrams, injected on the live direct path in the
 * middle of a 5,000 packets/s stream, are counted and change nothing — not the stream, not the path.
 */
class LinkForgeryTest {

    @Test
    void forgedFramesAreCountedAndHarmless() {
        SimSession session = SimSession.onDirect();
        VirtualScheduler clock = session.clock;
        SimPeer a = session.a;
        SimPeer b = session.b;
        SimPath direct = session.direct;
        a.stream(5000, Duration.ofSeconds(6));
        clock.runFor(Duration.ofSeconds(5));
        PathHandle victim = direct.aToB.target;
        long now = a.sent;

        int outOfWindow = 0;
        for (long i = 0; i < 50; i++) {
            // Bursts of consistent far-ahead numbers, and the far past, between the real packets.
            victim.receive(data(now + 1_000_000 + i, 0));
            victim.receive(data(now + 1_000_000 + i + 1, 0));
            victim.receive(data(now + 1_000_000 + i + 2, 0));
            victim.receive(data(1 + i, 0));
            victim.receive(data(LinkFrame.MAX_SEQ - i, 0));
            outOfWindow += 5;
            clock.runFor(Duration.ofMillis(3));
        }
        int forged = 0;
        for (int i = 0; i < 20; i++) {
            victim.receive(data(now + i, 1_000_000 + i));
            victim.receive(probe(LinkFrame.TYPE_PROBE_REPLY, 1_000_000 + i));
            forged += 2;
        }
        List<String> garbage = List.of("", "04", "0400000000000001", "07000000000000010000000000000000000000",
                "04010000000000010000000000000000", "0600000000000001000000000000000203e8");
        for (String g : garbage) {
            victim.receive(Unpooled.wrappedBuffer(HexFormat.of().parseHex(g)));
        }
        clock.runFor(Duration.ofSeconds(2));

        assertEquals(0, b.lostFrom(a), b.toString());
        assertEquals(0, b.reordered, b.toString());
        assertEquals(0, b.deliveredTwice, b.toString());
        PathStats s = b.stats(direct.b);
        assertEquals(outOfWindow, s.outOfWindow());
        assertEquals(forged, s.forged());
        assertEquals(garbage.size(), s.malformed());
        assertEquals(0, b.link.statistics().resyncs());
        assertEquals(PathState.TRUSTED, s.state());
        assertEquals(List.of(PathKind.RELAY, PathKind.DIRECT), b.changeKinds());
        assertEquals(List.of(PathKind.RELAY, PathKind.DIRECT), a.changeKinds());
        session.finish();
    }

    private static ByteBuf data(long seq, long echo) {
        ByteBuf frame = Unpooled.buffer();
        frame.writerIndex(LinkFrame.HEADER_LENGTH);
        LinkFrame.setHeader(frame, 0, LinkFrame.TYPE_DATA, seq, echo);
        return frame.writeLong(-1);
    }

    private static ByteBuf probe(int type, long seq) {
        ByteBuf frame = Unpooled.buffer();
        LinkFrame.writeProbe(frame, type, seq, 0, 0, 0);
        return frame;
    }
}
