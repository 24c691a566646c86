package dev.punchline.turn.wire;

/** ICE USE-CANDIDATE (RFC 8445 §7.1.2): no value; its presence nominates the pair. */
public record UseCandidate() implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.USE_CANDIDATE;
    }
}
