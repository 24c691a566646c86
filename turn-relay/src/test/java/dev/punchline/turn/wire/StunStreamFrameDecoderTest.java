package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** RFC 8656 §12.5 stream framing: whole frames out, however the bytes arrive; garbage closes the connection. */
class StunStreamFrameDecoderTest {
    private static final byte[] CHANNEL_DATA_PADDED = Rfc5769.hex("4001 0005 68656c6c6f 000000");
    private static final byte[] CHANNEL_DATA = Rfc5769.hex("4001 0005 68656c6c6f");

    private final AtomicInteger garbage = new AtomicInteger();
    private final EmbeddedChannel channel = new EmbeddedChannel(new StunStreamFrameDecoder(garbage::incrementAndGet));

    @Test
    void splitsOneWriteIntoFramesAndDropsChannelDataPadding() {
        channel.writeInbound(Unpooled.wrappedBuffer(Rfc5769.REQUEST, CHANNEL_DATA_PADDED, Rfc5769.IPV6_RESPONSE));
        assertFrames(Rfc5769.REQUEST, CHANNEL_DATA, Rfc5769.IPV6_RESPONSE);
        assertTrue(channel.isOpen());
    }

    @Test
    void reassemblesFramesArrivingByteByByte() {
        byte[] stream = concat(CHANNEL_DATA_PADDED, Rfc5769.LONG_TERM_REQUEST, CHANNEL_DATA_PADDED);
        for (byte b : stream) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertFrames(CHANNEL_DATA, Rfc5769.LONG_TERM_REQUEST, CHANNEL_DATA);
    }

    @Test
    void framesChannelDataOfRfc5766ChannelsAboveRfc8656Range() {
        byte[] high = Rfc5769.hex("6b3d 0005 68656c6c6f 000000");
        channel.writeInbound(Unpooled.wrappedBuffer(high, Rfc5769.REQUEST));
        assertFrames(Rfc5769.hex("6b3d 0005 68656c6c6f"), Rfc5769.REQUEST);
        assertTrue(channel.isOpen());
        assertEquals(0, garbage.get());
    }

    @Test
    void neitherStunNorChannelDataClosesTheConnectionOnce() {
        channel.writeInbound(Unpooled.wrappedBuffer(Rfc5769.REQUEST, Rfc5769.hex("8000 0000 0000 0000")));
        assertFrames(Rfc5769.REQUEST);
        assertFalse(channel.isOpen());
        assertEquals(1, garbage.get());
    }

    @Test
    void wrongCookieClosesTheConnection() {
        byte[] b = Rfc5769.REQUEST.clone();
        b[4] = 0;
        channel.writeInbound(Unpooled.wrappedBuffer(b));
        assertFrames();
        assertFalse(channel.isOpen());
    }

    @Test
    void stunLengthNotMultipleOfFourClosesTheConnection() {
        byte[] b = Rfc5769.REQUEST.clone();
        b[3] = 0x57;
        channel.writeInbound(Unpooled.wrappedBuffer(b));
        assertFalse(channel.isOpen());
        assertEquals(1, garbage.get());
    }

    @Test
    void partialFrameAtCloseIsDroppedWithoutLeaking() {
        ByteBuf partial = Unpooled.wrappedBuffer(Rfc5769.REQUEST, 0, 30);
        channel.writeInbound(partial);
        assertFalse(channel.finish());
        assertEquals(0, partial.refCnt());
        assertEquals(0, garbage.get());
    }

    private void assertFrames(byte[]... expected) {
        List<byte[]> frames = new ArrayList<>();
        for (ByteBuf frame; (frame = channel.readInbound()) != null; ) {
            frames.add(Rfc5769VectorsTest.bytes(frame));
            frame.release();
        }
        assertEquals(expected.length, frames.size());
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], frames.get(i), "frame " + i);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuf all = Unpooled.wrappedBuffer(parts);
        return Rfc5769VectorsTest.bytes(all);
    }
}
