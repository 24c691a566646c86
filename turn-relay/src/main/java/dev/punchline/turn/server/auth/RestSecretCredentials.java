package dev.punchline.turn.server.auth;

import dev.punchline.turn.wire.LongTermKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited credentials from a shared secret: the TURN REST API scheme that coturn's
 * {@code use-auth-secret} implements, so one credential works on both servers.
 *
 * <p>A web service that knows the secret hands a client the username {@code EXPIRY:USER}
 * ({@code EXPIRY} a Unix time in seconds, {@code USER} anything; a bare {@code EXPIRY} is
 * accepted too, as coturn does) and the password {@code base64(HMAC-SHA1(secret, username))}.
 * The server needs no user list: it recomputes the password from the username. A username is
 * valid while the current time is before {@code EXPIRY}; nothing caps how far ahead that may be,
 * which is the issuing service's choice, as with coturn.
 *
 * <p>Several secrets may be configured, newest first, so that a secret can be rotated without
 * refusing credentials issued just before the switch.
 */
public final class RestSecretCredentials implements CredentialStore {

    private static final String HMAC = "HmacSHA1";
    /** Twelve digits of Unix seconds reach the year 33658; a longer "expiry" is an attempt to overflow. */
    private static final int MAX_EXPIRY_DIGITS = 12;

    private final String realm;
    private final List<SecretKeySpec> secrets;
    private final Clock clock;

    public RestSecretCredentials(String realm, List<String> secrets) {
        this(realm, secrets, Clock.systemUTC());
    }

    /** @param clock decides expiry; tests pass their own */
    public RestSecretCredentials(String realm, List<String> secrets, Clock clock) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("REST credentials need at least one shared secret");
        }
        List<SecretKeySpec> specs = new ArrayList<>(secrets.size());
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("a REST shared secret must not be empty");
            }
            specs.add(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
        }
        this.secrets = List.copyOf(specs);
    }

    @Override
    public KeyLookup lookup(String username) {
        int separator = username.indexOf(':');
        String expiryText = separator < 0 ? username : username.substring(0, separator);
        if (expiryText.isEmpty() || expiryText.length() > MAX_EXPIRY_DIGITS
                || !expiryText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return KeyLookup.refused("not a TURN REST username (EXPIRY or EXPIRY:USER, EXPIRY in Unix seconds)");
        }
        Instant expiry = Instant.ofEpochSecond(Long.parseLong(expiryText));
        Instant now = clock.instant();
        if (!now.isBefore(expiry)) {
            return KeyLookup.refused("REST credential expired at " + expiry + ", "
                    + (now.getEpochSecond() - expiry.getEpochSecond()) + " s ago");
        }
        List<byte[]> keys = new ArrayList<>(secrets.size());
        for (SecretKeySpec secret : secrets) {
            keys.add(LongTermKey.md5(username, realm, password(secret, username)));
        }
        return KeyLookup.found(keys);
    }

    private static String password(SecretKeySpec secret, String username) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(secret);
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + HMAC, e);
        }
    }

    /** Never the secrets. */
    @Override
    public String toString() {
        return "RestSecretCredentials[" + secrets.size() + " secret(s)]";
    }
}
