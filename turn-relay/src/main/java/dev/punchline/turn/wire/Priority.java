package dev.punchline.turn.wire;

/** ICE PRIORITY (RFC 8445 §7.1.1): unsigned 32 bits, hence a long. */
public record Priority(long priority) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.PRIORITY;
    }
}
