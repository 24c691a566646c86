package dev.punchline.turn.wire;

import java.util.Arrays;

/** UNKNOWN-ATTRIBUTES (RFC 8489 §14.9): the comprehension-required types a 420 response did not understand. */
public record UnknownAttributes(int[] types) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.UNKNOWN_ATTRIBUTES;
    }

    /** By content: records compare arrays by identity otherwise. */
    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownAttributes other && Arrays.equals(types, other.types);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(types);
    }

    @Override
    public String toString() {
        return "UnknownAttributes" + Arrays.toString(types);
    }
}
