package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 text attributes (USERNAME, REALM, NONCE, SOFTWARE, ERROR-CODE's reason). Decoding is strict:
 * a malformed sequence is a bad request rather than a string with replacement characters that might
 * then match someone's credentials.
 */
final class TextCodec {
    /**
     * RFC 5389 §15.3: USERNAME is "less than 513 bytes". RFC 8489 tightened that to 509 for senders; a receiver
     * accepting the older bound stays compatible with RFC 5389 clients at no cost.
     */
    static final int MAX_USERNAME = 512;
    /** RFC 8489 §14.8-14.14: fewer than 128 characters, "as long as 763 bytes when decoding them". */
    static final int MAX_TEXT = 763;

    private TextCodec() {
    }

    static String read(ByteBuf msg, int offset, int length, int max, int type) throws StunParseException {
        if (length > max) {
            throw StunParseException.malformed(AttributeType.name(type) + " longer than " + max + " bytes");
        }
        if (isAscii(msg, offset, length)) {
            return msg.toString(offset, length, StandardCharsets.US_ASCII);
        }
        ByteBuffer bytes = msg.nioBuffer(offset, length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw StunParseException.malformed(AttributeType.name(type) + " is not valid UTF-8");
        }
    }

    static void write(ByteBuf out, String text, int max, int type) {
        int start = out.writerIndex();
        int written = out.writeCharSequence(text, StandardCharsets.UTF_8);
        if (written > max) {
            out.writerIndex(start);
            throw new IllegalArgumentException(AttributeType.name(type) + " longer than " + max + " bytes");
        }
    }

    private static boolean isAscii(ByteBuf msg, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (msg.getByte(i) < 0) {
                return false;
            }
        }
        return true;
    }
}
