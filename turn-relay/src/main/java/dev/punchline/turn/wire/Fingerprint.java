package dev.punchline.turn.wire;

/** FINGERPRINT (RFC 8489 §14.7) as read; the encoder computes it, so the builder refuses it. */
public record Fingerprint(int crc) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.FINGERPRINT;
    }
}
