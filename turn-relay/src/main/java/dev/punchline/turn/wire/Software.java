package dev.punchline.turn.wire;

/** SOFTWARE (RFC 8489 §14.14); at most 763 bytes of UTF-8 on the wire. */
public record Software(String description) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.SOFTWARE;
    }
}
