package dev.punchline.turn.wire;

/** EVEN-PORT (RFC 8656 §18.9): the R bit asks the server to reserve the next port too. */
public record EvenPort(boolean reserveNext) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.EVEN_PORT;
    }
}
