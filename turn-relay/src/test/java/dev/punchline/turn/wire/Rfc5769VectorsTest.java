package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** RFC 5769's vectors decode to what the RFC says they hold, verify, and are reproduced by the encoder. */
class Rfc5769VectorsTest {
    private static final byte[] SHORT_TERM_KEY = Rfc5769.SHORT_TERM_PASSWORD.getBytes(StandardCharsets.UTF_8);
    private static final TransactionId SAMPLE_ID = TransactionId.of(Rfc5769.hex("b7e7a701bc34d686fa87dfae"));

    @Test
    void sampleRequestDecodesAndVerifies() throws Exception {
        Decoded.check(Rfc5769.REQUEST, m -> {
            assertEquals(StunMethod.BINDING, m.method());
            assertEquals(StunClass.REQUEST, m.messageClass());
            assertEquals(SAMPLE_ID, m.transactionId());
            assertEquals(new Software("STUN test client"), m.attribute(Software.class).orElseThrow());
            assertEquals(new Priority(0x6e0001ffL), m.attribute(Priority.class).orElseThrow());
            assertEquals(new IceControlled(0x932ff9b151263b36L), m.attribute(IceControlled.class).orElseThrow());
            assertEquals(new Username("evtj:h6vY"), m.attribute(Username.class).orElseThrow());
            assertEquals(new Fingerprint(0xe57a3bcf), m.attribute(Fingerprint.class).orElseThrow());
            assertTrue(m.hasIntegrity());
            assertTrue(m.verifyIntegrity(SHORT_TERM_KEY));
            assertTrue(m.verifyFingerprint());
            assertFalse(m.verifyIntegrity("VOkJxbRl1RmTxUk/WvJxBu".getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Test
    void ipv4ResponseDecodesAndVerifies() throws Exception {
        Decoded.check(Rfc5769.IPV4_RESPONSE, m -> {
            assertEquals(StunClass.SUCCESS_RESPONSE, m.messageClass());
            assertEquals(new Software("test vector"), m.attribute(Software.class).orElseThrow());
            assertEquals(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853),
                    m.xorAddress(AttributeType.XOR_MAPPED_ADDRESS).orElseThrow().address());
            assertTrue(m.verifyIntegrity(SHORT_TERM_KEY));
            assertTrue(m.verifyFingerprint());
        });
    }

    @Test
    void ipv6ResponseDecodesAndVerifies() throws Exception {
        Decoded.check(Rfc5769.IPV6_RESPONSE, m -> {
            assertEquals(new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853),
                    m.xorAddress(AttributeType.XOR_MAPPED_ADDRESS).orElseThrow().address());
            assertTrue(m.verifyIntegrity(SHORT_TERM_KEY));
            assertTrue(m.verifyFingerprint());
        });
    }

    @Test
    void longTermRequestVerifiesWithSaslPreppedKey() throws Exception {
        Decoded.check(Rfc5769.LONG_TERM_REQUEST, m -> {
            assertEquals(new Username(Rfc5769.LONG_TERM_USERNAME), m.attribute(Username.class).orElseThrow());
            assertEquals(new Nonce(Rfc5769.LONG_TERM_NONCE), m.attribute(Nonce.class).orElseThrow());
            assertEquals(new Realm(Rfc5769.LONG_TERM_REALM), m.attribute(Realm.class).orElseThrow());
            byte[] key = LongTermKey.md5(Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM,
                    Rfc5769.LONG_TERM_PASSWORD);
            assertTrue(m.verifyIntegrity(key));
            byte[] unprepared = LongTermKey.md5(Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM, "TheMatrix");
            assertFalse(m.verifyIntegrity(unprepared));
            assertFalse(m.hasFingerprint());
            assertFalse(m.verifyFingerprint());
        });
    }

    /** This vector pads with zeros, as our encoder does, so re-encoding must give every byte back. */
    @Test
    void longTermRequestIsReencodedExactly() {
        byte[] key = LongTermKey.md5(Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM, Rfc5769.LONG_TERM_PASSWORD);
        ByteBuf out = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST,
                        TransactionId.of(Rfc5769.hex("78ad3433c6ad72c029da412e")))
                .add(new Username(Rfc5769.LONG_TERM_USERNAME))
                .add(new Nonce(Rfc5769.LONG_TERM_NONCE))
                .add(new Realm(Rfc5769.LONG_TERM_REALM))
                .encode(ByteBufAllocator.DEFAULT, Integrity.sha1(key), false);
        try {
            assertArrayEquals(Rfc5769.LONG_TERM_REQUEST, bytes(out));
        } finally {
            out.release();
        }
    }

    /**
     * The other vectors pad with spaces, which RFC 8489 allows but which changes the HMAC and CRC. So the
     * re-encoding must match the vector except in padding, MESSAGE-INTEGRITY and FINGERPRINT, and those
     * must verify — with the verifier the decoding tests above proved against the RFC.
     */
    @Test
    void sampleRequestIsReencodedUpToPadding() throws Exception {
        reencodeAndCompare(Rfc5769.REQUEST, StunClass.REQUEST, List.of(new Software("STUN test client"),
                new Priority(0x6e0001ffL), new IceControlled(0x932ff9b151263b36L), new Username("evtj:h6vY")),
                new int[] {73, 74, 75});
    }

    @Test
    void ipv4ResponseIsReencodedUpToPadding() throws Exception {
        reencodeAndCompare(Rfc5769.IPV4_RESPONSE, StunClass.SUCCESS_RESPONSE, List.of(new Software("test vector"),
                XorAddress.mapped(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853))),
                new int[] {35});
    }

    @Test
    void ipv6ResponseIsReencodedUpToPadding() throws Exception {
        reencodeAndCompare(Rfc5769.IPV6_RESPONSE, StunClass.SUCCESS_RESPONSE, List.of(new Software("test vector"),
                XorAddress.mapped(new InetSocketAddress(
                        InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853))),
                new int[] {35});
    }

    private static void reencodeAndCompare(byte[] vector, StunClass cls, List<StunAttribute> attributes,
                                           int[] paddingOffsets) throws StunParseException {
        StunMessage.Builder builder = StunMessage.builder(StunMethod.BINDING, cls, SAMPLE_ID);
        attributes.forEach(builder::add);
        ByteBuf out = builder.encode(ByteBufAllocator.DEFAULT, Integrity.sha1(SHORT_TERM_KEY), true);
        try {
            byte[] ours = bytes(out);
            assertEquals(vector.length, ours.length);
            byte[] expected = vector.clone();
            for (int p : paddingOffsets) {
                assertEquals(0x20, expected[p], "the vector pads with a space at " + p);
                expected[p] = 0;
            }
            int integrityValue = vector.length - 8 - 20;
            for (int i = 0; i < vector.length; i++) {
                boolean computed = i >= integrityValue && i < integrityValue + 20 || i >= vector.length - 4;
                if (!computed) {
                    assertEquals(expected[i], ours[i], "byte " + i);
                }
            }
            StunMessage m = StunMessage.decode(out);
            try {
                assertTrue(m.verifyIntegrity(SHORT_TERM_KEY));
                assertTrue(m.verifyFingerprint());
            } finally {
                m.release();
            }
        } finally {
            out.release();
        }
    }

    @Test
    void anyChangedByteBreaksIntegrityOrFingerprint() throws Exception {
        for (int i = 0; i < Rfc5769.IPV4_RESPONSE.length; i++) {
            if (i == 2 || i == 3 || i == 35) {
                continue; // the length field fails parsing instead; byte 35 is padding, which nothing covers
            }
            byte[] changed = Rfc5769.IPV4_RESPONSE.clone();
            changed[i] ^= 0x01;
            StunMessage m;
            try {
                m = decode(changed);
            } catch (StunParseException e) {
                continue;
            }
            try {
                assertFalse(m.verifyIntegrity(SHORT_TERM_KEY) && m.verifyFingerprint(), "byte " + i);
            } finally {
                m.release();
            }
        }
    }

    static StunMessage decode(byte[] bytes) throws StunParseException {
        return StunMessage.decode(Unpooled.wrappedBuffer(bytes));
    }

    static byte[] bytes(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), b);
        return b;
    }
}
