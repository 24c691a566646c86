package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinkFrameTest {
    private final FrameHeader h = new FrameHeader();

    private static ByteBuf hex(String s) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(s.replace(" ", "")));
    }

    @Test
    void dataHeaderLayoutIsAsDocumented() {
        ByteBuf frame = Unpooled.buffer();
        frame.writerIndex(LinkFrame.HEADER_LENGTH);
        LinkFrame.setHeader(frame, 0, LinkFrame.TYPE_DATA, 0x0102_0304_0506L, LinkFrame.MAX_SEQ);
        frame.writeByte(0xAB);
        assertEquals("04 00 010203040506 ffffffffffff ab".replace(" ", ""), HexFormat.of().formatHex(frame.array(), 0, 15));
        assertTrue(LinkFrame.decode(frame, h));
        assertEquals(LinkFrame.TYPE_DATA, h.type());
        assertEquals(0x0102_0304_0506L, h.seq());
        assertEquals(LinkFrame.MAX_SEQ, h.echo());
        assertEquals(0, frame.readerIndex(), "decoding moves nothing");
    }

    @Test
    void probeLayoutIsAsDocumented() {
        ByteBuf frame = Unpooled.buffer();
        LinkFrame.writeProbe(frame, LinkFrame.TYPE_PROBE_REPLY, 7, 9, LinkFrame.FLAG_PRIMARY, 1000);
        assertEquals("06 00 000000000007 000000000009 01 03e8".replace(" ", ""),
                HexFormat.of().formatHex(frame.array(), 0, frame.writerIndex()));
        assertTrue(LinkFrame.decode(frame, h));
        assertEquals(LinkFrame.TYPE_PROBE_REPLY, h.type());
        assertEquals(7, h.seq());
        assertEquals(9, h.echo());
        assertEquals(LinkFrame.FLAG_PRIMARY, h.flags());
        assertEquals(1000, h.lossPermille());
    }

    @Test
    void anEmptyDataPayloadIsFine() {
        assertTrue(LinkFrame.decode(hex("04 00 000000000001 000000000000"), h));
    }

    @Test
    void malformedFramesAreRefused() {
        String[] bad = {
            "",
            "04 00 000000000001 0000000000",            // short header
            "03 00 000000000001 000000000000",          // STUN's range
            "07 00 000000000001 000000000000 00 0000",  // reserved type
            "10 00 000000000001 000000000000",          // beyond the Link's range
            "04 01 000000000001 000000000000",          // key epoch 1: cannot decrypt
            "04 00 000000000000 000000000000",          // seq 0
            "05 00 000000000001 000000000000 00 00",    // probe one byte short
            "05 00 000000000001 000000000000 00 0000 00", // probe with a trailing byte
            "05 00 000000000001 000000000000 02 0000",  // unknown flag
            "06 00 000000000001 000000000000 00 03e9",  // loss above 1000 per mille
        };
        for (String frame : bad) {
            assertFalse(LinkFrame.decode(hex(frame), h), frame);
        }
    }

    @Test
    void firstByteClassification() {
        for (int b = 0; b < 256; b++) {
            assertEquals(b >= 4 && b <= 15, LinkFrame.isLinkFrame(b), "byte " + b);
        }
    }

    @Test
    void decodesFromTheReaderIndexOfADirectBuffer() {
        ByteBuf frame = Unpooled.directBuffer();
        frame.writeBytes(new byte[] {9, 9});
        LinkFrame.writeProbe(frame, LinkFrame.TYPE_PROBE, 3, 0, 0, 0);
        frame.skipBytes(2);
        assertTrue(LinkFrame.decode(frame, h));
        assertEquals(3, h.seq());
        frame.release();
    }
}
