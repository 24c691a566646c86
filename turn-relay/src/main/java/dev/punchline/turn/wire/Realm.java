package dev.punchline.turn.wire;

/** REALM (RFC 8489 §14.9); at most 763 bytes of UTF-8 on the wire. */
public record Realm(String realm) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.REALM;
    }
}
