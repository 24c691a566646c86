package dev.punchline.turn.server.auth;

import dev.punchline.turn.server.policy.PeerAddressPolicy;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hands out and checks NONCEs without remembering any: a nonce is its issue time and a MAC over
 * that time and the client's IP address, keyed with a random key this server drew at start-up.
 * Nothing is stored per client, so a flood of unauthenticated requests costs no memory.
 *
 * <p>A nonce whose MAC checks out but which is older than the lifetime is {@link Status#EXPIRED}.
 * One shaped like ours whose MAC does not check out is {@link Status#UNVERIFIABLE}: issued before a
 * restart or by another instance (another key), carried to another IP address, or altered — a MAC
 * cannot tell these apart. Anything else is {@link Status#MALFORMED}: no version of this server
 * issued it. The MAC covers the IP address but not the port, so a client whose NAT moves it to
 * another port, or that opens a second TCP connection, keeps using its nonce.
 *
 * <p>The nonces carry no RFC 8489 §9.2 "nonce cookie" ({@code obMatJos2} and security feature
 * bits): the cookie only advertises PASSWORD-ALGORITHMS and USERHASH, which this server does not
 * offer, and a plain nonce is what RFC 5389 clients (coturn's tools, ice4j) expect.
 */
public final class NonceManager {

    /** What a NONCE from a request is worth. */
    public enum Status {
        /** Issued by this instance to this address, within the lifetime. */
        VALID,
        /** Issued by this instance to this address, but too long ago (or in the future: the clock stepped back). */
        EXPIRED,
        /** Shaped like a nonce of this server, but not signed with this instance's key for this address. */
        UNVERIFIABLE,
        /** Not shaped like any nonce this server issues. */
        MALFORMED
    }

    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 32;
    /** 128 bits of tag: guessing one is out of reach, and the nonce stays short (34 characters). */
    private static final int TAG_BYTES = 16;
    /** Milliseconds since 1970 in 12 hex digits last until the year 10889. */
    private static final int TIME_DIGITS = 12;
    private static final int TAG_CHARS = 22;
    private static final String HEX_DIGITS = "0123456789abcdef";
    private static final String BASE64URL_DIGITS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    public NonceManager(Duration lifetime) {
        this(lifetime, Clock.systemUTC());
    }

    /** @param clock dates and ages nonces; tests pass their own */
    public NonceManager(Duration lifetime, Clock clock) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("nonce lifetime must be positive, not " + lifetime);
        }
        this.lifetime = lifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] random = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(random);
        this.key = new SecretKeySpec(random, MAC_ALGORITHM);
    }

    /** A fresh nonce for a client at {@code client}. */
    public String issue(InetAddress client) {
        String time = String.format("%0" + TIME_DIGITS + "x", clock.millis());
        return time + tag(time, client);
    }

    public Status check(String nonce, InetAddress client) {
        if (nonce == null || nonce.length() != TIME_DIGITS + TAG_CHARS) {
            return Status.MALFORMED;
        }
        String time = nonce.substring(0, TIME_DIGITS);
        String givenTag = nonce.substring(TIME_DIGITS);
        if (!consistsOf(time, HEX_DIGITS) || !consistsOf(givenTag, BASE64URL_DIGITS)) {
            return Status.MALFORMED;
        }
        byte[] expected = tag(time, client).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, givenTag.getBytes(StandardCharsets.US_ASCII))) {
            return Status.UNVERIFIABLE;
        }
        long age = clock.millis() - Long.parseLong(time, 16);
        // a nonce from the future means the clock stepped back; a fresh one costs the client one round trip
        return age >= 0 && age < lifetime.toMillis() ? Status.VALID : Status.EXPIRED;
    }

    private static boolean consistsOf(String text, String alphabet) {
        return text.chars().allMatch(c -> alphabet.indexOf(c) >= 0);
    }

    private String tag(String time, InetAddress client) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            mac.update(time.getBytes(StandardCharsets.US_ASCII));
            mac.update(PeerAddressPolicy.canonicalize(client).getAddress());
            byte[] tag = Arrays.copyOf(mac.doFinal(), TAG_BYTES);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + MAC_ALGORITHM, e);
        }
    }
}
