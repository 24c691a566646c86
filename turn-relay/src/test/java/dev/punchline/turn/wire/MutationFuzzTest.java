package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.EdgeCasesMode;

import java.util.HexFormat;
import java.util.List;

/**
 * A million damaged messages through every entry point that sees network bytes — {@link StunMessage#decode},
 * {@link ChannelData#decode} and {@link StunStreamFrameDecoder} — must give nothing but a message, a frame or
 * a StunParseException, and must leave every buffer's reference count as it found it.
 *
 * <p>jqwik draws one long per try; the corpus entry and the damage are derived from it ({@link Mutator}).
 * Generating mutation objects through jqwik would shrink more nicely, but measured, jqwik's own cost per
 * try grows fourfold with a second parameter and edge cases, and the million tries have to fit comfortably
 * in CI. A failure names the seed and the bytes, which is enough to replay it.
 */
class MutationFuzzTest {
    private static final List<byte[]> CORPUS = FuzzCorpus.seeds();
    /** The stream framer's channel, kept between tries while it is between frames (see decodeAsStream). */
    private static EmbeddedChannel stream;

    @Property(tries = 1_000_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void damagedInputNeverEscapesAsAnythingButStunParseException(@ForAll long mutationSeed) {
        byte[] input = Mutator.mutate(CORPUS.get((int) Long.remainderUnsigned(mutationSeed, CORPUS.size())),
                mutationSeed);
        try {
            decodeAsDatagram(input, mutationSeed);
            decodeAsChannelData(input);
            decodeAsStream(input, mutationSeed);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("input " + HexFormat.of().formatHex(input) + ": " + e, e);
        }
    }

    private static void decodeAsDatagram(byte[] input, long seed) {
        // Odd seeds use a direct buffer, which has no backing array, and every input sits behind a prefix,
        // so both buffer kinds and a non-zero reader index are exercised.
        ByteBuf buf = (seed & 1) == 0 ? Unpooled.buffer(input.length + 3) : Unpooled.directBuffer(input.length + 3);
        buf.writeBytes(new byte[] {1, 2, 3}).writeBytes(input).skipBytes(3);
        try {
            StunMessage m = StunMessage.decode(buf);
            check(buf.refCnt() == 2, "a decoded message holds one reference");
            try {
                use(m);
            } finally {
                m.release();
            }
        } catch (StunParseException e) {
            checkAnswerable(e);
        }
        check(buf.refCnt() == 1, "decoding leaves the input's reference count as it was");
        check(buf.readerIndex() == 3, "decoding does not move the reader index");
        buf.release();
    }

    /** Everything a server does with a request, and re-encoding, which must succeed for any decoded message. */
    private static void use(StunMessage m) throws StunParseException {
        m.verifyIntegrity(FuzzCorpus.KEY);
        m.verifyFingerprint();
        m.xorAddresses(AttributeType.XOR_PEER_ADDRESS);
        m.toString();
        StunMessage.Builder again = StunMessage.builder(m.method(), m.messageClass(), m.transactionId());
        for (StunAttribute a : m.attributes()) {
            if (!(a instanceof MessageIntegrity || a instanceof MessageIntegritySha256 || a instanceof Fingerprint)) {
                again.add(a);
            }
        }
        ByteBuf encoded = again.encode(ByteBufAllocator.DEFAULT, Integrity.NONE, false);
        try {
            StunMessage decodedAgain = StunMessage.decode(encoded);
            decodedAgain.release();
        } finally {
            encoded.release();
        }
    }

    private static void decodeAsChannelData(byte[] input) {
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        try {
            ChannelDataFrame frame = ChannelData.decode(buf);
            check(frame.payload().readableBytes() <= input.length - ChannelData.HEADER_LENGTH, "payload within input");
        } catch (StunParseException e) {
            checkAnswerable(e);
        }
        check(buf.refCnt() == 1, "ChannelData decoding holds no reference");
    }

    /**
     * Cut at a seed-chosen point, as TCP may deliver it; every frame is decoded and released. A channel is
     * reused while the framer ends each input exactly on a frame boundary (its buffer is then empty, so the
     * next input starts as on a fresh connection): building an EmbeddedChannel costs more than decoding.
     */
    private static void decodeAsStream(byte[] input, long seed) {
        if (stream == null) {
            stream = new EmbeddedChannel(new StunStreamFrameDecoder());
        }
        int cut = input.length == 0 ? 0 : (int) Long.remainderUnsigned(seed >>> 1, input.length + 1);
        List<ByteBuf> chunks = List.of(Unpooled.wrappedBuffer(input, 0, cut),
                Unpooled.wrappedBuffer(input, cut, input.length - cut));
        for (ByteBuf chunk : chunks) {
            if (stream.isOpen()) {
                stream.writeInbound(chunk.retain());
            }
        }
        int consumed = 0;
        for (ByteBuf frame; (frame = stream.readInbound()) != null; ) {
            boolean channelData = ChannelData.looksLikeChannelData(frame);
            consumed += channelData ? StunHeader.padded(frame.readableBytes() - 4) + 4 : frame.readableBytes();
            try {
                if (channelData) {
                    ChannelData.decode(frame);
                } else {
                    StunMessage.decode(frame).release();
                }
            } catch (StunParseException e) {
                checkAnswerable(e);
            } finally {
                frame.release();
            }
        }
        if (!stream.isOpen() || consumed != input.length) {
            stream.finishAndReleaseAll();
            stream = null;
        }
        for (ByteBuf chunk : chunks) {
            check(chunk.refCnt() == 1, "the stream decoder released what it was given");
            chunk.release();
        }
    }

    private static void checkAnswerable(StunParseException e) {
        if (e.errorCode() == StunParseException.UNKNOWN_ATTRIBUTE) {
            check(e.unknownAttributes().length > 0, "a 420 lists the unknown attributes");
            check(e.transactionId().isPresent(), "a 420 can be answered");
        } else {
            check(e.errorCode() == StunParseException.BAD_REQUEST, "400 or 420");
        }
    }

    /** Cheaper than assertTrue for a check made millions of times: no message is formatted until it fails. */
    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
