package dev.punchline.turn.wire;

/**
 * DATA (RFC 8656 §18.6). When decoded, the payload is a slice of the received message, valid while that
 * {@link StunMessage} is not released; retain it to keep it longer. Encoding copies its readable bytes.
 */
public record Data(io.netty.buffer.ByteBuf payload) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.DATA;
    }
}
