package dev.punchline.turn.wire;

import java.util.Arrays;

/**
 * PASSWORD-ALGORITHM (RFC 8489 §14.12), also the element of {@link PasswordAlgorithms}.
 * Algorithm 1 is MD5, 2 is SHA-256; neither takes parameters.
 */
public record PasswordAlgorithm(int algorithm, byte[] parameters) implements StunAttribute {
    public static final int MD5 = 1;
    public static final int SHA256 = 2;

    public static PasswordAlgorithm md5() {
        return new PasswordAlgorithm(MD5, new byte[0]);
    }

    public static PasswordAlgorithm sha256() {
        return new PasswordAlgorithm(SHA256, new byte[0]);
    }

    @Override
    public int type() {
        return AttributeType.PASSWORD_ALGORITHM;
    }

    /** By content: records compare arrays by identity otherwise. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordAlgorithm other && algorithm == other.algorithm
                && Arrays.equals(parameters, other.parameters);
    }

    @Override
    public int hashCode() {
        return algorithm * 31 + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "PasswordAlgorithm[" + algorithm + ", " + Hex.of(parameters) + "]";
    }
}
