package dev.punchline.turn.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Every kind of bad input the issue lists fails as a StunParseException a server can answer (or drop). */
class MalformedInputTest {
    private static final int ALLOCATE_REQUEST = 0x0003;

    @Test
    void shorterThanHeaderIsNotStunAtAll() {
        StunParseException e = Decoded.failure(Arrays.copyOf(Rfc5769.REQUEST, 19));
        assertEquals(400, e.errorCode());
        assertTrue(e.method().isEmpty());
        assertTrue(e.transactionId().isEmpty());
    }

    @Test
    void topBitsSetIsNotStun() {
        byte[] b = Rfc5769.REQUEST.clone();
        b[0] |= (byte) 0x80;
        assertTrue(Decoded.failure(b).messageClass().isEmpty());
    }

    @Test
    void wrongMagicCookieIsNotStun() {
        byte[] b = Rfc5769.REQUEST.clone();
        b[5] ^= 1;
        assertTrue(Decoded.failure(b).transactionId().isEmpty());
    }

    @Test
    void lengthNotMultipleOfFourIsBadRequestWithHeader() {
        byte[] b = RawMessage.of(ALLOCATE_REQUEST).raw("00190004 11000000").length(6).bytes();
        StunParseException e = Decoded.failure(b);
        assertEquals(400, e.errorCode());
        assertEquals(StunMethod.ALLOCATE, e.method().orElseThrow());
        assertEquals(StunClass.REQUEST, e.messageClass().orElseThrow());
        assertEquals(TransactionId.of(RawMessage.TRANSACTION_ID), e.transactionId().orElseThrow());
    }

    @Test
    void truncatedMessageIsBadRequest() {
        byte[] cut = Arrays.copyOf(Rfc5769.IPV4_RESPONSE, Rfc5769.IPV4_RESPONSE.length - 4);
        StunParseException e = Decoded.failure(cut);
        assertEquals(400, e.errorCode());
        assertEquals(StunClass.SUCCESS_RESPONSE, e.messageClass().orElseThrow());
    }

    @Test
    void bytesBeyondTheLengthFieldAreBadRequest() {
        byte[] longer = Arrays.copyOf(Rfc5769.IPV4_RESPONSE, Rfc5769.IPV4_RESPONSE.length + 4);
        assertEquals(400, Decoded.failure(longer).errorCode());
    }

    @Test
    void attributeRunningPastTheEndIsBadRequest() {
        byte[] b = RawMessage.of(ALLOCATE_REQUEST)
                .attr(AttributeType.REQUESTED_TRANSPORT, 8, Rfc5769.hex("11000000")).bytes();
        assertEquals(400, Decoded.failure(b).errorCode());
    }

    @Test
    void duplicateComprehensionRequiredAttributeIsBadRequest() {
        byte[] b = RawMessage.of(ALLOCATE_REQUEST)
                .attr(AttributeType.REQUESTED_TRANSPORT, "11000000")
                .attr(AttributeType.REQUESTED_TRANSPORT, "06000000").bytes();
        assertEquals(400, Decoded.failure(b).errorCode());
    }

    @Test
    void duplicateOptionalAttributeKeepsTheFirst() throws Exception {
        byte[] b = RawMessage.of(ALLOCATE_REQUEST)
                .attr(AttributeType.SOFTWARE, "6f6e65")
                .attr(AttributeType.SOFTWARE, "74776f").bytes();
        Decoded.check(b, m -> assertEquals(List.of(new Software("one")), m.attributes()));
    }

    @Test
    void repeatedPeerAddressesAreAllKept() throws Exception {
        // 192.0.2.1:32853 and 192.0.2.2:32853, XORed with the cookie as in RFC 5769 §2.2.
        byte[] b = RawMessage.of(0x0008)
                .attr(AttributeType.XOR_PEER_ADDRESS, "0001a147e112a643")
                .attr(AttributeType.XOR_PEER_ADDRESS, "0001a147e112a640").bytes();
        Decoded.check(b, m -> {
            List<XorAddress> peers = m.xorAddresses(AttributeType.XOR_PEER_ADDRESS);
            assertEquals(2, peers.size());
            assertEquals("/192.0.2.1:32853", peers.get(0).address().toString());
            assertEquals("/192.0.2.2:32853", peers.get(1).address().toString());
        });
    }

    @Test
    void unknownComprehensionRequiredAttributesAre420ListingEachOnce() {
        byte[] b = RawMessage.of(ALLOCATE_REQUEST)
                .attr(0x0003, "00000000")
                .attr(AttributeType.REQUESTED_TRANSPORT, "11000000")
                .attr(0x7FFF, "")
                .attr(0x0003, "00000000").bytes();
        StunParseException e = Decoded.failure(b);
        assertEquals(420, e.errorCode());
        assertArrayEquals(new int[] {0x0003, 0x7FFF}, e.unknownAttributes());
        assertEquals(StunMethod.ALLOCATE, e.method().orElseThrow());
    }

    @Test
    void malformedAttributeWinsOverUnknownOnes() {
        byte[] b = RawMessage.of(ALLOCATE_REQUEST)
                .attr(0x0003, "00000000")
                .attr(AttributeType.LIFETIME, "000000").bytes();
        assertEquals(400, Decoded.failure(b).errorCode());
    }

    @Test
    void unknownOptionalAttributeIsKeptOpaque() throws Exception {
        byte[] b = RawMessage.of(ALLOCATE_REQUEST).attr(0xC001, "abcdef").bytes();
        Decoded.check(b, m -> assertEquals(List.of(new OpaqueAttribute(0xC001, Rfc5769.hex("abcdef"))),
                m.attributes()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0003a147e112a643", "0001a147e112a64300000000", "0002a147e112a643", "000100"})
    void addressWithBadFamilyOrLengthIsBadRequest(String value) {
        byte[] b = RawMessage.of(0x0101).attr(AttributeType.XOR_MAPPED_ADDRESS, value).bytes();
        assertEquals(400, Decoded.failure(b).errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000200", "00000700", "00000464", "000001", "00000000"})
    void errorCodeOutsideItsRangesIsBadRequest(String value) {
        byte[] b = RawMessage.of(0x0113).attr(AttributeType.ERROR_CODE, value).bytes();
        assertEquals(400, Decoded.failure(b).errorCode());
    }

    @Test
    void errorCodeIsClassTimesHundredPlusNumber() throws Exception {
        byte[] b = RawMessage.of(0x0113)
                .attr(AttributeType.ERROR_CODE, "00000401" + "556e617574686f72697a6564").bytes(); // "Unauthorized"
        Decoded.check(b, m -> assertEquals(new ErrorCode(401, "Unauthorized"),
                m.attribute(ErrorCode.class).orElseThrow()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff", "c080", "eda080", "e382", "f4908080"})
    void invalidUtf8IsBadRequest(String value) {
        byte[] b = RawMessage.of(ALLOCATE_REQUEST).attr(AttributeType.USERNAME, value).bytes();
        assertEquals(400, Decoded.failure(b).errorCode());
    }

    @Test
    void textAttributesAreBoundedAsRfc8489Says() throws Exception {
        assertTextLimit(AttributeType.USERNAME, 512);
        assertTextLimit(AttributeType.REALM, 763);
        assertTextLimit(AttributeType.NONCE, 763);
        assertTextLimit(AttributeType.SOFTWARE, 763);
    }

    private static void assertTextLimit(int type, int max) throws Exception {
        byte[] longest = "a".repeat(max).getBytes(StandardCharsets.US_ASCII);
        Decoded.check(RawMessage.of(ALLOCATE_REQUEST).attr(type, longest).bytes(),
                m -> assertEquals(1, m.attributes().size()));
        byte[] tooLong = "a".repeat(max + 1).getBytes(StandardCharsets.US_ASCII);
        assertEquals(400, Decoded.failure(RawMessage.of(ALLOCATE_REQUEST).attr(type, tooLong).bytes()).errorCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {AttributeType.LIFETIME, AttributeType.CHANNEL_NUMBER, AttributeType.REQUESTED_TRANSPORT,
        AttributeType.PRIORITY, AttributeType.FINGERPRINT, AttributeType.ICE_CONTROLLING,
        AttributeType.MESSAGE_INTEGRITY, AttributeType.USERHASH, AttributeType.RESERVATION_TOKEN,
        AttributeType.EVEN_PORT, AttributeType.DONT_FRAGMENT,
        AttributeType.MESSAGE_INTEGRITY_SHA256, AttributeType.REQUESTED_ADDRESS_FAMILY, AttributeType.USE_CANDIDATE})
    void fixedSizeAttributeWithAnotherSizeIsBadRequest(int type) {
        byte[] b = RawMessage.of(0x0001).attr(type, new byte[3]).bytes();
        assertEquals(400, Decoded.failure(b).errorCode());
    }

    @Test
    void unprotectedAttributesAfterMessageIntegrityAreIgnored() throws Exception {
        byte[] b = RawMessage.of(ALLOCATE_REQUEST)
                .attr(AttributeType.USERNAME, "616c696365")
                .attr(AttributeType.MESSAGE_INTEGRITY, new byte[20])
                .attr(AttributeType.LIFETIME, "00000000")
                .attr(0x0003, "00000000")
                .attr(AttributeType.MESSAGE_INTEGRITY_SHA256, new byte[32])
                .attr(AttributeType.USERNAME, "6d616c6c6f7279")
                .attr(AttributeType.FINGERPRINT, "00000000")
                .attr(AttributeType.SOFTWARE, "78").bytes();
        Decoded.check(b, m -> {
            assertEquals(List.of(AttributeType.USERNAME, AttributeType.MESSAGE_INTEGRITY,
                    AttributeType.MESSAGE_INTEGRITY_SHA256, AttributeType.FINGERPRINT),
                    m.attributes().stream().map(StunAttribute::type).toList());
            assertEquals(new Username("alice"), m.attribute(Username.class).orElseThrow());
            assertTrue(m.attribute(Lifetime.class).isEmpty());
        });
    }

    @Test
    void malformedAttributeAfterIntegrityStillBreaksFraming() {
        byte[] b = RawMessage.of(ALLOCATE_REQUEST)
                .attr(AttributeType.MESSAGE_INTEGRITY, new byte[20])
                .attr(AttributeType.SOFTWARE, 40, new byte[4]).bytes();
        assertEquals(400, Decoded.failure(b).errorCode());
    }

    @Test
    void decodingStartsAtTheReaderIndexAndLeavesItAlone() throws Exception {
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.buffer();
        buf.writeBytes(new byte[] {0x7F, 0x7F, 0x7F}).writeBytes(Rfc5769.IPV4_RESPONSE).readerIndex(3);
        StunMessage m = StunMessage.decode(buf);
        try {
            assertEquals(3, buf.readerIndex());
            assertTrue(m.verifyFingerprint());
        } finally {
            m.release();
            buf.release();
        }
    }
}
