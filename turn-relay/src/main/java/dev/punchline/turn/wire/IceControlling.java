package dev.punchline.turn.wire;

/** ICE-CONTROLLING (RFC 8445 §7.1.3): the agent's 64-bit tie-breaker. */
public record IceControlling(long tieBreaker) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.ICE_CONTROLLING;
    }
}
