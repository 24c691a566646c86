package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** MESSAGE-INTEGRITY-SHA256 and the interplay of the integrity attributes, held to {@link HmacOracle}. */
class IntegrityTest {
    private static final byte[] KEY = "secret key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] USERNAME = "alice".getBytes(StandardCharsets.UTF_8);

    /** RFC 8489 §14.6: the HMAC may be truncated to 16..32 bytes in steps of 4, keeping its leading bytes. */
    @ParameterizedTest
    @ValueSource(ints = {16, 20, 24, 28, 32})
    void verifiesMessageIntegritySha256OfAnyAllowedLength(int length) throws Exception {
        byte[] message = withSha256(RawMessage.of(0x0003).attr(AttributeType.USERNAME, USERNAME).bytes(), length, KEY);
        Decoded.check(message, m -> {
            assertTrue(m.hasIntegrity());
            assertTrue(m.verifyIntegrity(KEY));
            assertFalse(m.verifyIntegrity("other key".getBytes(StandardCharsets.UTF_8)));
            assertEquals(length, m.attribute(MessageIntegritySha256.class).orElseThrow().hmac().length);
        });
    }

    @Test
    void theSha256AttributeIsTheOneThatCountsWhenBothArePresent() throws Exception {
        byte[] withoutIntegrity = RawMessage.of(0x0003).attr(AttributeType.USERNAME, USERNAME).bytes();
        byte[] goodSha1 = withSha1(withoutIntegrity, KEY);
        byte[] badSha256 = withSha256(goodSha1, 32, "other key".getBytes(StandardCharsets.UTF_8));
        Decoded.check(badSha256, m -> assertFalse(m.verifyIntegrity(KEY)));
        byte[] badSha1 = withSha1(withoutIntegrity, "other key".getBytes(StandardCharsets.UTF_8));
        byte[] goodSha256 = withSha256(badSha1, 32, KEY);
        Decoded.check(goodSha256, m -> assertTrue(m.verifyIntegrity(KEY)));
    }

    @Test
    void encoderWritesWhatTheOracleComputes() throws Exception {
        assertEncodedLikeOracle(Integrity.sha1(KEY), "HmacSHA1", AttributeType.MESSAGE_INTEGRITY, 20);
        assertEncodedLikeOracle(Integrity.sha256(KEY), "HmacSHA256", AttributeType.MESSAGE_INTEGRITY_SHA256, 32);
    }

    private static void assertEncodedLikeOracle(Integrity integrity, String jcaName, int type, int hmacLength)
            throws Exception {
        byte[] encoded = encode(integrity, true, new Username("alice"), new Lifetime(600));
        int at = encoded.length - 8 - 4 - hmacLength; // integrity attribute, then the 8-byte FINGERPRINT
        assertEquals(type, ByteBuffer.wrap(encoded).getShort(at));
        byte[] expected = HmacOracle.hmac(jcaName, KEY, encoded, at, hmacLength);
        assertArrayEquals(expected, Arrays.copyOfRange(encoded, at + 4, at + 4 + hmacLength));
        assertEquals(HmacOracle.fingerprint(encoded), ByteBuffer.wrap(encoded).getInt(encoded.length - 4));
    }

    /** RFC 8489 §9.2.4: a response is protected the way the request was. */
    @Test
    void responsesAreProtectedLikeTheirRequest() throws Exception {
        byte[] sha256Request = withSha256(RawMessage.of(0x0003).bytes(), 32, KEY);
        Decoded.check(sha256Request, m -> assertEncodedLikeOracle(m.responseIntegrity(KEY), "HmacSHA256",
                AttributeType.MESSAGE_INTEGRITY_SHA256, 32));
        Decoded.check(Rfc5769.REQUEST, m -> assertEncodedLikeOracle(m.responseIntegrity(KEY), "HmacSHA1",
                AttributeType.MESSAGE_INTEGRITY, 20));
    }

    @Test
    void withoutIntegrityNothingVerifies() throws Exception {
        Decoded.check(encode(Integrity.NONE, false, new Username("alice")), m -> {
            assertFalse(m.hasIntegrity());
            assertFalse(m.verifyIntegrity(KEY));
            assertFalse(m.verifyFingerprint());
        });
    }

    @Test
    void emptyKeysAreRefusedForSigningAndNeverVerify() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Integrity.sha1(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Integrity.sha256(new byte[0]));
        Decoded.check(Rfc5769.REQUEST, m -> assertFalse(m.verifyIntegrity(new byte[0])));
    }

    @Test
    void builderRefusesTheAttributesEncodeComputes() {
        StunMessage.Builder b = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random());
        assertThrows(IllegalArgumentException.class, () -> b.add(new MessageIntegrity(new byte[20])));
        assertThrows(IllegalArgumentException.class, () -> b.add(new MessageIntegritySha256(new byte[32])));
        assertThrows(IllegalArgumentException.class, () -> b.add(new Fingerprint(0)));
    }

    private static byte[] encode(Integrity integrity, boolean fingerprint, StunAttribute... attributes) {
        StunMessage.Builder b = StunMessage.builder(StunMethod.ALLOCATE, StunClass.REQUEST,
                TransactionId.of(RawMessage.TRANSACTION_ID));
        for (StunAttribute a : attributes) {
            b.add(a);
        }
        ByteBuf out = b.encode(ByteBufAllocator.DEFAULT, integrity, fingerprint);
        try {
            return Rfc5769VectorsTest.bytes(out);
        } finally {
            out.release();
        }
    }

    /** Appends MESSAGE-INTEGRITY computed by the oracle, fixing the length field. */
    private static byte[] withSha1(byte[] message, byte[] key) throws Exception {
        return append(message, AttributeType.MESSAGE_INTEGRITY,
                HmacOracle.hmac("HmacSHA1", key, message, message.length, 20));
    }

    private static byte[] withSha256(byte[] message, int length, byte[] key) throws Exception {
        byte[] hmac = HmacOracle.hmac("HmacSHA256", key, message, message.length, length);
        return append(message, AttributeType.MESSAGE_INTEGRITY_SHA256, Arrays.copyOf(hmac, length));
    }

    private static byte[] append(byte[] message, int type, byte[] value) {
        byte[] out = Arrays.copyOf(message, message.length + 4 + value.length);
        ByteBuffer b = ByteBuffer.wrap(out);
        b.putShort(2, (short) (out.length - 20));
        b.putShort(message.length, (short) type).putShort(message.length + 2, (short) value.length);
        System.arraycopy(value, 0, out, message.length + 4, value.length);
        return out;
    }
}
