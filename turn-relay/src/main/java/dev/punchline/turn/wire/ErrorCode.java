package dev.punchline.turn.wire;

/** ERROR-CODE (RFC 8489 §14.8): a code from 300 to 699 and a UTF-8 reason phrase. */
public record ErrorCode(int code, String reason) implements StunAttribute {
    public ErrorCode {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("STUN error codes run from 300 to 699, not " + code);
        }
    }

    @Override
    public int type() {
        return AttributeType.ERROR_CODE;
    }
}
