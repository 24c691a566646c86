package dev.punchline.turn.wire;

/** CHANNEL-NUMBER (RFC 8656 §18.1). Any 16-bit value decodes, so the server can answer an invalid one with 400. */
public record ChannelNumber(int channel) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.CHANNEL_NUMBER;
    }
}
