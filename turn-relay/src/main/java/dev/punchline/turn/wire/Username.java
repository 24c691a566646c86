package dev.punchline.turn.wire;

/** USERNAME (RFC 8489 §14.3); at most 512 bytes of UTF-8 on the wire. */
public record Username(String name) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.USERNAME;
    }
}
