package dev.punchline.turn.wire;

/** LIFETIME (RFC 8656 §18.4): unsigned 32-bit seconds, hence a long. */
public record Lifetime(long seconds) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.LIFETIME;
    }
}
