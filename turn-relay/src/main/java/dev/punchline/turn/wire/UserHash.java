package dev.punchline.turn.wire;

import java.util.Arrays;

/** USERHASH (RFC 8489 §14.4): SHA-256 of the username and realm, 32 bytes. */
public record UserHash(byte[] hash) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.USERHASH;
    }

    /** By content: records compare arrays by identity otherwise. */
    @Override
    public boolean equals(Object o) {
        return o instanceof UserHash other && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "UserHash[" + Hex.of(hash) + "]";
    }
}
