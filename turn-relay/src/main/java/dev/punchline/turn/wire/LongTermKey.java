package dev.punchline.turn.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The long-term credential key (RFC 8489 §9.2.2): a hash of "username:realm:password" with the password
 * SASLprep'd, as RFC 5389 and every deployed TURN server (coturn included) compute it. The key, not the
 * password, is what HMACs are keyed with, so servers can store keys instead of passwords.
 */
public final class LongTermKey {
    private LongTermKey() {
    }

    /** The key for PASSWORD-ALGORITHM MD5, the default when none is negotiated. */
    public static byte[] md5(String username, String realm, String password) {
        return digest("MD5", username, realm, password);
    }

    /** The key for PASSWORD-ALGORITHM SHA-256. */
    public static byte[] sha256(String username, String realm, String password) {
        return digest("SHA-256", username, realm, password);
    }

    private static byte[] digest(String algorithm, String username, String realm, String password) {
        String text = username + ':' + realm + ':' + SaslPrep.prepare(password);
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}
