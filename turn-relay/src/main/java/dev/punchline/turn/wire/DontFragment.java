package dev.punchline.turn.wire;

/** DONT-FRAGMENT (RFC 8656 §18.10): no value; its presence asks for DF on relayed packets. */
public record DontFragment() implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.DONT_FRAGMENT;
    }
}
