package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** ChannelData as RFC 8656 §12.4 lays it out: channel, length, data, and padding only on streams. */
class ChannelDataTest {
    private static final byte[] HELLO_PADDED = Rfc5769.hex("4001 0005 68656c6c6f 000000");

    @Test
    void decodesChannelAndPayloadAsASliceOfTheInput() throws Exception {
        byte[] bytes = Rfc5769.hex("4001 0005 68656c6c6f");
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        ChannelDataFrame frame = ChannelData.decode(buf);
        assertEquals(0x4001, frame.channel());
        assertEquals("hello", frame.payload().toString(StandardCharsets.US_ASCII));
        bytes[4] = 'j';
        assertEquals("jello", frame.payload().toString(StandardCharsets.US_ASCII), "no copy was made");
        assertEquals(1, buf.refCnt());
        assertEquals(0, buf.readerIndex());
    }

    @Test
    void acceptsStreamPaddingButNothingBeyondIt() throws Exception {
        assertEquals(5, ChannelData.decode(Unpooled.wrappedBuffer(HELLO_PADDED)).payload().readableBytes());
        byte[] overlong = Rfc5769.hex("4001 0005 68656c6c6f 00000000");
        assertEquals(400, assertThrows(StunParseException.class,
                () -> ChannelData.decode(Unpooled.wrappedBuffer(overlong))).errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4001", "400100", "3fff 0000", "8000 0000", "4001 0006 68656c6c6f", "ffff 0000"})
    void refusesMalformedFrames(String hex) {
        ByteBuf buf = Unpooled.wrappedBuffer(Rfc5769.hex(hex));
        assertThrows(StunParseException.class, () -> ChannelData.decode(buf));
        assertEquals(1, buf.refCnt());
    }

    /** coturn's turnutils_uclient binds such numbers (RFC 5766 §11); a server standing in for coturn relays them. */
    @ParameterizedTest
    @ValueSource(ints = {0x4FFF, 0x5000, 0x6B3D, 0x7FFF})
    void acceptsRfc5766ChannelsAboveRfc8656Range(int channel) throws Exception {
        ByteBuf out = Unpooled.buffer();
        ChannelData.encode(out, channel, Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII), true);
        assertTrue(ChannelData.looksLikeChannelData(out));
        ChannelDataFrame frame = ChannelData.decode(out);
        assertEquals(channel, frame.channel());
        assertEquals("hello", frame.payload().toString(StandardCharsets.US_ASCII));
    }

    @Test
    void encodesWithAndWithoutPaddingLeavingThePayloadUnread() {
        ByteBuf payload = Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII);
        ByteBuf stream = Unpooled.buffer();
        ChannelData.encode(stream, 0x4001, payload, true);
        assertArrayEquals(HELLO_PADDED, Rfc5769VectorsTest.bytes(stream));
        ByteBuf datagram = Unpooled.buffer();
        ChannelData.encode(datagram, 0x4001, payload, false);
        assertArrayEquals(Rfc5769.hex("4001 0005 68656c6c6f"), Rfc5769VectorsTest.bytes(datagram));
        assertEquals(5, payload.readableBytes());
    }

    @Test
    void wrapsThePayloadWithoutCopyingAndOwnsIt() {
        for (boolean padded : new boolean[] {true, false}) {
            byte[] bytes = "hello".getBytes(StandardCharsets.US_ASCII);
            ByteBuf payload = Unpooled.wrappedBuffer(bytes);
            ByteBuf frame = ChannelData.wrap(ByteBufAllocator.DEFAULT, 0x4001, payload, padded);
            assertArrayEquals(padded ? HELLO_PADDED : Rfc5769.hex("4001 0005 68656c6c6f"),
                    Rfc5769VectorsTest.bytes(frame));
            bytes[0] = 'j';
            assertEquals('j', frame.getByte(4), "the payload is referenced, not copied");
            frame.release();
            assertEquals(0, payload.refCnt());
        }
    }

    @Test
    void wrapReleasesThePayloadWhenItRefuses() {
        ByteBuf payload = Unpooled.buffer(1).writeByte(1);
        assertThrows(IllegalArgumentException.class,
                () -> ChannelData.wrap(ByteBufAllocator.DEFAULT, 0x8000, payload, true));
        assertEquals(0, payload.refCnt());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x3FFF, 0x8000, -1, 0x10000})
    void refusesToEncodeChannelsOutsideTheRange(int channel) {
        assertThrows(IllegalArgumentException.class,
                () -> ChannelData.encode(Unpooled.buffer(), channel, Unpooled.EMPTY_BUFFER, false));
    }

    @Test
    void looksLikeChannelDataByFirstByteOnly() {
        assertTrue(ChannelData.looksLikeChannelData(Unpooled.wrappedBuffer(new byte[] {0x40})));
        assertTrue(ChannelData.looksLikeChannelData(Unpooled.wrappedBuffer(new byte[] {0x4F, 0x00})));
        assertFalse(ChannelData.looksLikeChannelData(Unpooled.wrappedBuffer(new byte[] {0x3F})));
        assertTrue(ChannelData.looksLikeChannelData(Unpooled.wrappedBuffer(new byte[] {0x50})));
        assertTrue(ChannelData.looksLikeChannelData(Unpooled.wrappedBuffer(new byte[] {0x7F})));
        assertFalse(ChannelData.looksLikeChannelData(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80})));
        assertFalse(ChannelData.looksLikeChannelData(Unpooled.EMPTY_BUFFER));
        assertFalse(ChannelData.looksLikeChannelData(Unpooled.wrappedBuffer(Rfc5769.REQUEST)));
    }

    @Test
    void looksLikeStunNeedsCookieAndLength() {
        assertTrue(StunMessage.looksLikeStun(Unpooled.wrappedBuffer(Rfc5769.REQUEST)));
        assertFalse(StunMessage.looksLikeStun(Unpooled.wrappedBuffer(HELLO_PADDED)));
        byte[] oddLength = Rfc5769.REQUEST.clone();
        oddLength[3] = 0x57;
        assertFalse(StunMessage.looksLikeStun(Unpooled.wrappedBuffer(oddLength)));
    }
}
