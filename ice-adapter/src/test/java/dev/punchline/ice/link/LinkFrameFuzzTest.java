package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Network bytes against the codec and the Link: random datagrams and damaged valid frames must never escape as
 * an exception, a decoded frame must be exactly the canonical encoding of what was decoded (strict parsing:
 * nothing ignored), and a Link fed them counts each one exactly once and keeps no reference to it.
 *
 * <p>As in the STUN codec's fuzz test, jqwik draws one long per try and the datagram is derived from it: a
 * failure names the seed and the bytes, and the tries stay cheap.
 */
class LinkFrameFuzzTest {
    private static final FrameHeader HEADER = new FrameHeader();

    @Property(tries = 100_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void decodingNeverThrowsAndAcceptsOnlyCanonicalFrames(@ForAll long seed) {
        byte[] input = datagram(seed);
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        if (LinkFrame.decode(buf, HEADER)) {
            byte[] again = encode(HEADER, Arrays.copyOfRange(input, Math.min(input.length, LinkFrame.HEADER_LENGTH), input.length));
            if (!Arrays.equals(input, again)) {
                throw new AssertionError("seed " + seed + ": accepted " + HexFormat.of().formatHex(input)
                        + " but it encodes as " + HexFormat.of().formatHex(again));
            }
        }
    }

    private static final VirtualScheduler CLOCK = new VirtualScheduler();
    private static final Link LINK = Link.builder().scheduler(CLOCK).listener(ByteBuf::release).build();
    private static final PathHandle PATH = LINK.addPath(new TestPath("fuzz", PathKind.DIRECT, ByteBuf::release));

    @Property(tries = 100_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void theLinkCountsEveryDatagramOnceAndKeepsNone(@ForAll long seed) {
        byte[] input = datagram(seed);
        ByteBuf buf = (seed & 1) == 0 ? Unpooled.buffer(input.length) : Unpooled.directBuffer(input.length);
        buf.writeBytes(input);
        long before = accounted();
        try {
            PATH.receive(buf);
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ", input " + HexFormat.of().formatHex(input), e);
        }
        if (buf.refCnt() != 0) {
            throw new AssertionError("seed " + seed + ": the Link kept a reference to " + HexFormat.of().formatHex(input));
        }
        if (accounted() != before + 1) {
            throw new AssertionError("seed " + seed + ": counted " + (accounted() - before) + " times: "
                    + HexFormat.of().formatHex(input));
        }
    }

    /** Every way a datagram can end: refused (three counters), a duplicate, or taken (data delivered or held, a probe, a reply). */
    private static long accounted() {
        PathTracker p = PATH.tracker;
        return p.malformed + p.forged + p.outOfWindow + p.packetsReceived;
    }

    /** A third random bytes, two thirds valid frames with up to three kinds of damage. */
    static byte[] datagram(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        if (r.nextInt(3) == 0) {
            byte[] junk = new byte[r.nextInt(40)];
            r.nextBytes(junk);
            if (junk.length > 0 && r.nextBoolean()) {
                junk[0] = (byte) (4 + r.nextInt(12));
            }
            return junk;
        }
        FrameHeader h = new FrameHeader();
        h.type = LinkFrame.TYPE_DATA + r.nextInt(3);
        h.seq = r.nextBoolean() ? 1 + r.nextInt(100) : 1 + r.nextLong(LinkFrame.MAX_SEQ);
        h.echo = r.nextBoolean() ? 0 : r.nextLong(LinkFrame.MAX_SEQ + 1);
        h.flags = r.nextInt(2);
        h.lossPermille = r.nextInt(1001);
        byte[] payload = new byte[h.type == LinkFrame.TYPE_DATA ? r.nextInt(20) : 0];
        r.nextBytes(payload);
        byte[] frame = encode(h, payload);
        for (int damage = r.nextInt(4); damage > 0; damage--) {
            frame = damage(frame, r);
        }
        return frame;
    }

    private static byte[] damage(byte[] frame, SplittableRandom r) {
        switch (r.nextInt(4)) {
            case 0 -> {
                if (frame.length > 0) {
                    frame[r.nextInt(frame.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return frame;
            }
            case 1 -> {
                if (frame.length > 0) {
                    frame[r.nextInt(frame.length)] = (byte) new int[] {0, 1, 0x7f, 0x80, 0xff}[r.nextInt(5)];
                }
                return frame;
            }
            case 2 -> {
                return Arrays.copyOf(frame, r.nextInt(frame.length + 1));
            }
            default -> {
                return Arrays.copyOf(frame, frame.length + 1 + r.nextInt(3));
            }
        }
    }

    private static byte[] encode(FrameHeader h, byte[] payload) {
        ByteBuf out = Unpooled.buffer();
        if (h.type == LinkFrame.TYPE_DATA) {
            out.writerIndex(LinkFrame.HEADER_LENGTH);
            LinkFrame.setHeader(out, 0, h.type, h.seq, h.echo);
            out.writeBytes(payload);
        } else {
            LinkFrame.writeProbe(out, h.type, h.seq, h.echo, h.flags, h.lossPermille);
        }
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }
}
