package dev.punchline.turn.wire;

import javax.crypto.spec.SecretKeySpec;

/** How an encoded message is to be protected: not at all, with MESSAGE-INTEGRITY, or with MESSAGE-INTEGRITY-SHA256. */
public final class Integrity {
    public static final Integrity NONE = new Integrity(null, null);

    /** Null for {@link #NONE}. */
    private final HmacAlgorithm algorithm;
    private final SecretKeySpec key;

    private Integrity(HmacAlgorithm algorithm, SecretKeySpec key) {
        this.algorithm = algorithm;
        this.key = key;
    }

    /** MESSAGE-INTEGRITY (HMAC-SHA1) with a short-term password's bytes or a long-term key ({@link LongTermKey}). */
    public static Integrity sha1(byte[] key) {
        return new Integrity(HmacAlgorithm.SHA1, HmacAlgorithm.SHA1.key(key));
    }

    /** MESSAGE-INTEGRITY-SHA256 with the full 32-byte HMAC. */
    public static Integrity sha256(byte[] key) {
        return new Integrity(HmacAlgorithm.SHA256, HmacAlgorithm.SHA256.key(key));
    }

    HmacAlgorithm algorithm() {
        return algorithm;
    }

    SecretKeySpec key() {
        return key;
    }
}
