package dev.punchline.turn.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TransactionIdTest {
    @Test
    void keepsItsTwelveBytesAndHandsOutCopies() {
        byte[] bytes = Rfc5769.hex("b7e7a701bc34d686fa87dfae");
        TransactionId id = TransactionId.of(bytes);
        bytes[0] = 0;
        assertArrayEquals(Rfc5769.hex("b7e7a701bc34d686fa87dfae"), id.bytes());
        id.bytes()[1] = 0;
        assertEquals("b7e7a701bc34d686fa87dfae", id.toString());
        assertEquals(TransactionId.of(Rfc5769.hex("b7e7a701bc34d686fa87dfae")), id);
        assertEquals(TransactionId.of(Rfc5769.hex("b7e7a701bc34d686fa87dfae")).hashCode(), id.hashCode());
        assertNotEquals(TransactionId.of(Rfc5769.hex("b7e7a701bc34d686fa87dfaf")), id);
    }

    @Test
    void refusesOtherLengths() {
        assertThrows(IllegalArgumentException.class, () -> TransactionId.of(new byte[11]));
        assertThrows(IllegalArgumentException.class, () -> TransactionId.of(new byte[16]));
    }

    @Test
    void randomIdsDiffer() {
        assertNotEquals(TransactionId.random(), TransactionId.random());
    }
}
