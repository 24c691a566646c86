package dev.punchline.ice.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.punchline.turn.wire.TransactionId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketClassTest {

    @ParameterizedTest(name = "first byte {0}..{1} → {2}")
    @CsvSource({
        "0, 3, UNKNOWN",  // without the magic cookie
        "4, 15, LINK_FRAME",
        "16, 19, UNKNOWN",  // ZRTP
        "20, 63, DTLS",
        "64, 127, CHANNEL_DATA",
        "128, 191, RTP_RTCP",
        "192, 255, UNKNOWN",  // QUIC
    })
    void firstByteRanges(int from, int to, PacketClass expected) {
        for (int first = from; first <= to; first++) {
            ByteBuf b = Unpooled.wrappedBuffer(new byte[] {(byte) first, 0, 0, 0, 0, 0, 0, 0});
            assertEquals(expected, PacketClass.of(b), "first byte " + first);
            assertEquals(0, b.readerIndex(), "classifying must not read");
        }
    }

    @Test
    void stunNeedsTheCookie() {
        ByteBuf stun = Datagrams.bindingRequest(TransactionId.random());
        try {
            assertEquals(PacketClass.STUN, PacketClass.of(stun));
            stun.setByte(4, 0x22);
            assertEquals(PacketClass.UNKNOWN, PacketClass.of(stun));
        } finally {
            stun.release();
        }
    }

    @Test
    void emptyAndShortDatagrams() {
        assertEquals(PacketClass.UNKNOWN, PacketClass.of(Unpooled.EMPTY_BUFFER));
        assertEquals(PacketClass.UNKNOWN, PacketClass.of(Unpooled.wrappedBuffer(new byte[] {0x40, 0, 0})));
        assertEquals(PacketClass.CHANNEL_DATA, PacketClass.of(Unpooled.wrappedBuffer(new byte[] {0x40, 0, 0, 0})));
    }

    @Test
    void readsFromTheReaderIndex() {
        ByteBuf b = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, 0x05, 1, 2});
        b.readerIndex(1);
        assertEquals(PacketClass.LINK_FRAME, PacketClass.of(b));
    }
}
