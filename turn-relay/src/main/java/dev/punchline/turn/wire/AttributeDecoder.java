package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

import static dev.punchline.turn.wire.AttributeType.*;

/**
 * Turns one attribute value into its record. Every fixed-size attribute must have exactly its size:
 * a wrong length means the sender and we disagree about the format, and guessing is how parsers get
 * exploited.
 */
final class AttributeDecoder {
    private static final int USERHASH_LENGTH = 32;
    private static final int RESERVATION_TOKEN_LENGTH = 8;

    private AttributeDecoder() {
    }

    /**
     * @param msg    the whole message, header at {@code start}
     * @param offset where the value begins
     * @param length the value's length without padding
     */
    static StunAttribute decode(int type, ByteBuf msg, int start, int offset, int length) throws StunParseException {
        return switch (type) {
            case XOR_MAPPED_ADDRESS, XOR_PEER_ADDRESS, XOR_RELAYED_ADDRESS ->
                    new XorAddress(type, AddressCodec.read(msg, start, offset, length, true));
            case MAPPED_ADDRESS -> new MappedAddress(AddressCodec.read(msg, start, offset, length, false));
            case ALTERNATE_SERVER -> new AlternateServer(AddressCodec.read(msg, start, offset, length, false));
            case USERNAME -> new Username(TextCodec.read(msg, offset, length, TextCodec.MAX_USERNAME, type));
            case REALM -> new Realm(TextCodec.read(msg, offset, length, TextCodec.MAX_TEXT, type));
            case NONCE -> new Nonce(TextCodec.read(msg, offset, length, TextCodec.MAX_TEXT, type));
            case SOFTWARE -> new Software(TextCodec.read(msg, offset, length, TextCodec.MAX_TEXT, type));
            case USERHASH -> new UserHash(fixedBytes(msg, offset, length, USERHASH_LENGTH, type));
            case MESSAGE_INTEGRITY ->
                    new MessageIntegrity(fixedBytes(msg, offset, length, HmacAlgorithm.SHA1.hmacLength, type));
            case MESSAGE_INTEGRITY_SHA256 -> new MessageIntegritySha256(bytes(msg, offset, sha256Length(length)));
            case FINGERPRINT -> new Fingerprint(msg.getInt(fixed(offset, length, 4, type)));
            case ERROR_CODE -> errorCode(msg, offset, length);
            case UNKNOWN_ATTRIBUTES -> unknownAttributes(msg, offset, length);
            case LIFETIME -> new Lifetime(msg.getUnsignedInt(fixed(offset, length, 4, type)));
            case CHANNEL_NUMBER -> new ChannelNumber(msg.getUnsignedShort(fixed(offset, length, 4, type)));
            case DATA -> new Data(msg.slice(offset, length));
            case REQUESTED_TRANSPORT ->
                    new RequestedTransport(msg.getUnsignedByte(fixed(offset, length, 4, type)));
            case REQUESTED_ADDRESS_FAMILY ->
                    new RequestedAddressFamily(msg.getUnsignedByte(fixed(offset, length, 4, type)));
            case DONT_FRAGMENT -> empty(new DontFragment(), length);
            case USE_CANDIDATE -> empty(new UseCandidate(), length);
            case EVEN_PORT -> new EvenPort((msg.getByte(fixed(offset, length, 1, type)) & 0x80) != 0);
            case RESERVATION_TOKEN ->
                    new ReservationToken(fixedBytes(msg, offset, length, RESERVATION_TOKEN_LENGTH, type));
            case PRIORITY -> new Priority(msg.getUnsignedInt(fixed(offset, length, 4, type)));
            case ICE_CONTROLLING -> new IceControlling(msg.getLong(fixed(offset, length, 8, type)));
            case ICE_CONTROLLED -> new IceControlled(msg.getLong(fixed(offset, length, 8, type)));
            case PASSWORD_ALGORITHM -> passwordAlgorithm(msg, offset, length, true);
            case PASSWORD_ALGORITHMS -> passwordAlgorithms(msg, offset, length);
            default -> new OpaqueAttribute(type, bytes(msg, offset, length));
        };
    }

    /**
     * Returns the offset so that a read can be written inline; throws if the length is not the one the
     * format fixes.
     */
    private static int fixed(int offset, int length, int expected, int type) throws StunParseException {
        if (length != expected) {
            throw StunParseException.malformed(
                    AttributeType.name(type) + " must be " + expected + " bytes, not " + length);
        }
        return offset;
    }

    private static byte[] fixedBytes(ByteBuf msg, int offset, int length, int expected, int type)
            throws StunParseException {
        return bytes(msg, fixed(offset, length, expected, type), expected);
    }

    private static StunAttribute empty(StunAttribute attribute, int length) throws StunParseException {
        fixed(0, length, 0, attribute.type());
        return attribute;
    }

    /** RFC 8489 §14.6: at least 16 bytes, at most 32, a multiple of four. */
    private static int sha256Length(int length) throws StunParseException {
        if (length < 16 || length > HmacAlgorithm.SHA256.hmacLength || length % 4 != 0) {
            throw StunParseException.malformed("MESSAGE-INTEGRITY-SHA256 of " + length + " bytes");
        }
        return length;
    }

    private static byte[] bytes(ByteBuf msg, int offset, int length) {
        byte[] b = new byte[length];
        msg.getBytes(offset, b);
        return b;
    }

    /** RFC 8489 §14.8: 21 reserved bits, a 3-bit class (3 to 6), an 8-bit number (0 to 99), then the reason. */
    private static ErrorCode errorCode(ByteBuf msg, int offset, int length) throws StunParseException {
        if (length < 4) {
            throw StunParseException.malformed("ERROR-CODE shorter than 4 bytes");
        }
        int cls = msg.getUnsignedByte(offset + 2) & 0x07;
        int number = msg.getUnsignedByte(offset + 3);
        if (cls < 3 || cls > 6 || number > 99) {
            throw StunParseException.malformed("ERROR-CODE class " + cls + " number " + number);
        }
        String reason = TextCodec.read(msg, offset + 4, length - 4, TextCodec.MAX_TEXT, ERROR_CODE);
        return new ErrorCode(cls * 100 + number, reason);
    }

    private static UnknownAttributes unknownAttributes(ByteBuf msg, int offset, int length) throws StunParseException {
        if (length % 2 != 0) {
            throw StunParseException.malformed("UNKNOWN-ATTRIBUTES of odd length " + length);
        }
        int[] types = new int[length / 2];
        for (int i = 0; i < types.length; i++) {
            types[i] = msg.getUnsignedShort(offset + 2 * i);
        }
        return new UnknownAttributes(types);
    }

    /**
     * RFC 8489 §14.11/14.12: algorithm, parameter length, parameters. Inside PASSWORD-ALGORITHMS each entry's
     * parameters are padded to four bytes; a lone PASSWORD-ALGORITHM gets its padding from the attribute.
     */
    private static PasswordAlgorithm passwordAlgorithm(ByteBuf msg, int offset, int length, boolean alone)
            throws StunParseException {
        if (length < 4) {
            throw StunParseException.malformed("PASSWORD-ALGORITHM shorter than 4 bytes");
        }
        int parametersLength = msg.getUnsignedShort(offset + 2);
        int needed = 4 + (alone ? parametersLength : StunHeader.padded(parametersLength));
        if (alone ? needed != length : needed > length) {
            throw StunParseException.malformed("PASSWORD-ALGORITHM parameters do not fit its length");
        }
        return new PasswordAlgorithm(msg.getUnsignedShort(offset), bytes(msg, offset + 4, parametersLength));
    }

    private static PasswordAlgorithms passwordAlgorithms(ByteBuf msg, int offset, int length)
            throws StunParseException {
        List<PasswordAlgorithm> algorithms = new ArrayList<>(2);
        int end = offset + length;
        while (offset < end) {
            PasswordAlgorithm a = passwordAlgorithm(msg, offset, end - offset, false);
            algorithms.add(a);
            offset += 4 + StunHeader.padded(a.parameters().length);
        }
        return new PasswordAlgorithms(algorithms);
    }
}
