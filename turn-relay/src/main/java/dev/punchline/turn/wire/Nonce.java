package dev.punchline.turn.wire;

/** NONCE (RFC 8489 §14.10); at most 763 bytes of UTF-8 on the wire. */
public record Nonce(String nonce) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.NONCE;
    }
}
