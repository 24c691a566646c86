package dev.punchline.turn.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A long-term credential (RFC 8489 §9.2): the username and password the client authenticates with. */
public record TurnCredentials(String username, String password) {

    public TurnCredentials {
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("TURN username must not be empty");
        }
        if (password == null) {
            throw new IllegalArgumentException("TURN password must not be null");
        }
    }

    /**
     * Credentials of the TURN REST API scheme that coturn's {@code use-auth-secret} and our server accept:
     * username {@code expiry:user} (expiry in Unix seconds) and password
     * {@code base64(HMAC-SHA1(secret, username))}.
     */
    public static TurnCredentials fromRestSecret(String secret, String user, Instant expiry) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("TURN REST secret must not be empty");
        }
        String username = expiry.getEpochSecond() + ":" + user;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] digest = mac.doFinal(username.getBytes(StandardCharsets.UTF_8));
            return new TurnCredentials(username, Base64.getEncoder().encodeToString(digest));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "TurnCredentials[username=" + username + "]";
    }
}
