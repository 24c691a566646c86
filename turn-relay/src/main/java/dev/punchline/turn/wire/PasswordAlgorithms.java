package dev.punchline.turn.wire;

import java.util.List;

/** PASSWORD-ALGORITHMS (RFC 8489 §14.11): the algorithms a server offers, in its order of preference. */
public record PasswordAlgorithms(List<PasswordAlgorithm> algorithms) implements StunAttribute {
    public PasswordAlgorithms {
        algorithms = List.copyOf(algorithms);
    }

    @Override
    public int type() {
        return AttributeType.PASSWORD_ALGORITHMS;
    }
}
