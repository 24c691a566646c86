package dev.punchline.turn.wire;

import java.util.Arrays;

/**
 * A comprehension-optional attribute this codec does not interpret, kept as bytes so that it can be
 * logged or passed on (RFC 8489 §14: such attributes are ignored, not errors).
 */
public record OpaqueAttribute(int type, byte[] value) implements StunAttribute {
    public OpaqueAttribute {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("attribute types are 16-bit: " + type);
        }
    }

    /** By content: records compare arrays by identity otherwise. */
    @Override
    public boolean equals(Object o) {
        return o instanceof OpaqueAttribute other && type == other.type && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "OpaqueAttribute[" + AttributeType.name(type) + ", " + Hex.of(value) + "]";
    }
}
