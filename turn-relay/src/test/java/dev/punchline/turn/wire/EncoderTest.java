package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** What the builder writes, judged against the message-type table of RFC 8489 §5 and hand-written bytes. */
class EncoderTest {
    private static final TransactionId ID = TransactionId.of(RawMessage.TRANSACTION_ID);

    /** Message types as RFC 8489 §5 and RFC 8656 §17 give them (e.g. a Send indication is 0x0016). */
    @ParameterizedTest
    @CsvSource({
        "1, REQUEST, 0001", "1, SUCCESS_RESPONSE, 0101", "1, ERROR_RESPONSE, 0111", "3, REQUEST, 0003",
        "3, ERROR_RESPONSE, 0113", "4, SUCCESS_RESPONSE, 0104", "6, INDICATION, 0016", "7, INDICATION, 0017",
        "8, REQUEST, 0008", "9, SUCCESS_RESPONSE, 0109", "4095, ERROR_RESPONSE, 3fff",
    })
    void writesAndReadsTheInterleavedMessageType(int method, StunClass cls, String typeHex) throws Exception {
        ByteBuf out = Unpooled.buffer();
        StunMessage.builder(method, cls, ID).encodeTo(out, Integrity.NONE, false);
        byte[] expected = RawMessage.of(Integer.parseInt(typeHex, 16)).bytes();
        assertArrayEquals(expected, Rfc5769VectorsTest.bytes(out));
        Decoded.check(expected, m -> {
            assertEquals(method, m.method());
            assertEquals(cls, m.messageClass());
            assertEquals(ID, m.transactionId());
        });
    }

    @Test
    void refusesMethodsWiderThanTwelveBits() {
        assertThrows(IllegalArgumentException.class, () -> StunMessage.builder(0x1000, StunClass.REQUEST, ID));
    }

    @Test
    void appendsAtTheWriterIndexAndLeavesNothingBehindOnFailure() {
        ByteBuf out = Unpooled.buffer().writeByte(0x7F);
        StunMessage.builder(StunMethod.SEND, StunClass.INDICATION, ID)
                .add(new Data(Unpooled.copiedBuffer("hi", StandardCharsets.US_ASCII)))
                .encodeTo(out, Integrity.NONE, false);
        byte[] expected = RawMessage.of(0x0016).attr(AttributeType.DATA, "6869").bytes();
        assertEquals(1 + expected.length, out.readableBytes());
        assertArrayEquals(expected, Rfc5769VectorsTest.bytes(out.skipBytes(1)));

        int before = out.writerIndex();
        StunMessage.Builder tooLong = StunMessage.builder(StunMethod.ALLOCATE, StunClass.REQUEST, ID)
                .add(new Lifetime(600)).add(new Username("u".repeat(513)));
        assertThrows(IllegalArgumentException.class, () -> tooLong.encodeTo(out, Integrity.NONE, false));
        assertEquals(before, out.writerIndex());
    }

    @Test
    void dataIsWrittenFromTheReadableBytesWithoutConsumingThem() {
        ByteBuf payload = Unpooled.copiedBuffer("xhello", StandardCharsets.US_ASCII).skipBytes(1);
        ByteBuf out = Unpooled.buffer();
        StunMessage.builder(StunMethod.SEND, StunClass.INDICATION, ID).add(new Data(payload))
                .encodeTo(out, Integrity.NONE, false);
        assertArrayEquals(RawMessage.of(0x0016).attr(AttributeType.DATA, "68656c6c6f").bytes(),
                Rfc5769VectorsTest.bytes(out));
        assertEquals(1, payload.readerIndex());
    }

    @Test
    void decodedDataIsASliceOfTheReceivedBytes() throws Exception {
        byte[] received = RawMessage.of(0x0017).attr(AttributeType.DATA, "68656c6c6f").bytes();
        Decoded.check(received, m -> {
            ByteBuf payload = m.attribute(Data.class).orElseThrow().payload();
            received[24] = 'j';
            assertEquals("jello", payload.toString(StandardCharsets.US_ASCII));
        });
    }

    @Test
    void refusesValuesTheirFieldsCannotHold() {
        StunAttribute[] bad = {new Lifetime(-1), new Lifetime(1L << 32), new Priority(1L << 32),
            new RequestedTransport(256), new UserHash(new byte[31]), new ReservationToken(new byte[9]),
            new ChannelNumber(0x10000), new UnknownAttributes(new int[] {0x10000}),
            new PasswordAlgorithm(0x10000, new byte[0]), new OpaqueAttribute(0x8000, new byte[0x10000])};
        for (StunAttribute a : bad) {
            StunMessage.Builder b = StunMessage.builder(StunMethod.ALLOCATE, StunClass.REQUEST, ID).add(a);
            assertThrows(IllegalArgumentException.class, () -> b.encodeTo(Unpooled.buffer(), Integrity.NONE, false),
                    a.toString());
        }
    }
}
