package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Whatever the builder accepts, decoding gives back: attributes, header, integrity and fingerprint. */
class RoundTripPropertiesTest {
    private static final byte[] KEY = {1, 2, 3, 4, 5, 6, 7, 8};

    @Provide
    Arbitrary<List<StunAttribute>> attributes() {
        // One per type, except the addresses a message may carry several of.
        return AttributeArbitraries.any().list().ofMaxSize(8)
                .uniqueElements(a -> AttributeType.isRepeatable(a.type()) ? a : a.type());
    }

    @Provide
    Arbitrary<Integrity> integrity() {
        return Arbitraries.of(Integrity.NONE, Integrity.sha1(KEY), Integrity.sha256(KEY));
    }

    @Property(tries = 3000)
    void messagesSurviveEncodeAndDecode(@ForAll("attributes") List<StunAttribute> attributes,
                                        @ForAll @IntRange(max = 0xFFF) int method, @ForAll StunClass cls,
                                        @ForAll @Size(12) byte[] id, @ForAll("integrity") Integrity integrity,
                                        @ForAll boolean fingerprint) throws Exception {
        StunMessage.Builder builder = StunMessage.builder(method, cls, TransactionId.of(id));
        attributes.forEach(builder::add);
        ByteBuf encoded = builder.encode(ByteBufAllocator.DEFAULT, integrity, fingerprint);
        try {
            assertTrue(StunMessage.looksLikeStun(encoded));
            StunMessage m = StunMessage.decode(encoded);
            try {
                assertEquals(method, m.method());
                assertEquals(cls, m.messageClass());
                assertEquals(TransactionId.of(id), m.transactionId());
                List<StunAttribute> plain = new ArrayList<>(m.attributes());
                plain.removeIf(a -> a instanceof MessageIntegrity || a instanceof MessageIntegritySha256
                        || a instanceof Fingerprint);
                assertEquals(attributes, plain);
                assertEquals(integrity != Integrity.NONE, m.verifyIntegrity(KEY));
                assertEquals(fingerprint, m.verifyFingerprint());
            } finally {
                m.release();
            }
        } finally {
            encoded.release();
        }
    }

    @Property(tries = 2000)
    void channelDataSurvivesEncodeAndDecode(@ForAll @IntRange(min = 0x4000, max = 0x7FFF) int channel,
                                            @ForAll @Size(max = 2000) byte[] payload,
                                            @ForAll boolean padded) throws Exception {
        ByteBuf out = Unpooled.buffer();
        ChannelData.encode(out, channel, Unpooled.wrappedBuffer(payload), padded);
        assertTrue(ChannelData.looksLikeChannelData(out));
        ChannelDataFrame frame = ChannelData.decode(out);
        assertEquals(channel, frame.channel());
        assertEquals(Unpooled.wrappedBuffer(payload), frame.payload());
        ByteBuf wrapped = ChannelData.wrap(ByteBufAllocator.DEFAULT, channel, Unpooled.wrappedBuffer(payload), padded);
        assertEquals(out, wrapped, "wrapping writes the same bytes as encoding");
        wrapped.release();
    }

    /** A stream of frames cut anywhere comes out as the same frames, ChannelData without its padding. */
    @Property(tries = 1000)
    void streamsAreReframedWhereverTheyAreCut(@ForAll("frames") List<byte[]> frames,
                                              @ForAll @Size(max = 6) List<@IntRange(max = 4000) Integer> cuts) {
        ByteBuf stream = Unpooled.buffer();
        List<ByteBuf> expected = new ArrayList<>();
        for (byte[] f : frames) {
            stream.writeBytes(f);
            boolean channelData = ChannelData.looksLikeChannelData(Unpooled.wrappedBuffer(f));
            int length = channelData ? ChannelData.HEADER_LENGTH + ((f[2] & 0xFF) << 8 | f[3] & 0xFF) : f.length;
            expected.add(Unpooled.wrappedBuffer(f, 0, length));
        }
        EmbeddedChannel channel = new EmbeddedChannel(new StunStreamFrameDecoder());
        int at = 0;
        for (int cut : cuts.stream().sorted().toList()) {
            int end = Math.min(cut, stream.writerIndex());
            channel.writeInbound(stream.retainedSlice(at, end - at));
            at = end;
        }
        channel.writeInbound(stream.retainedSlice(at, stream.writerIndex() - at));
        for (ByteBuf e : expected) {
            ByteBuf frame = channel.readInbound();
            assertEquals(e, frame);
            frame.release();
        }
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
        stream.release();
        assertEquals(0, stream.refCnt());
    }

    @Provide
    Arbitrary<List<byte[]>> frames() {
        Arbitrary<byte[]> channelData = AttributeArbitraries.bytes(0, 300).map(p -> {
            ByteBuf out = Unpooled.buffer();
            ChannelData.encode(out, 0x4000 + p.length, Unpooled.wrappedBuffer(p), true);
            return Rfc5769VectorsTest.bytes(out);
        });
        Arbitrary<byte[]> stun = attributes().map(list -> {
            StunMessage.Builder b = StunMessage.builder(StunMethod.SEND, StunClass.INDICATION, TransactionId.random());
            list.forEach(b::add);
            ByteBuf out = Unpooled.buffer();
            b.encodeTo(out, Integrity.NONE, true);
            return Rfc5769VectorsTest.bytes(out);
        });
        return Arbitraries.oneOf(List.of(channelData, stun)).list().ofMaxSize(6);
    }
}
