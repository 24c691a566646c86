package dev.punchline.turn.server.auth;

import static dev.punchline.turn.server.auth.NonceManager.Status.EXPIRED;
import static dev.punchline.turn.server.auth.NonceManager.Status.MALFORMED;
import static dev.punchline.turn.server.auth.NonceManager.Status.UNVERIFIABLE;
import static dev.punchline.turn.server.auth.NonceManager.Status.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NonceManagerTest {

    private static final Duration LIFETIME = Duration.ofSeconds(600);

    private final TestClock clock = new TestClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final NonceManager nonces = new NonceManager(LIFETIME, clock);
    private final InetAddress client = address("198.51.100.20");

    @Test
    void aFreshNonceIsValidUntilItsLifetimeEnds() {
        String nonce = nonces.issue(client);
        assertEquals(VALID, nonces.check(nonce, client));
        clock.advance(LIFETIME.minusMillis(1));
        assertEquals(VALID, nonces.check(nonce, client));
        clock.advance(Duration.ofMillis(1));
        assertEquals(EXPIRED, nonces.check(nonce, client));
        assertEquals(VALID, nonces.check(nonces.issue(client), client));
    }

    @Test
    void aNonceFromTheFutureIsExpired() {
        clock.advance(Duration.ofSeconds(5));
        String nonce = nonces.issue(client);
        clock.advance(Duration.ofSeconds(-6));
        assertEquals(EXPIRED, nonces.check(nonce, client));
    }

    @Test
    void belongsToTheClientAddressItWasIssuedTo() {
        String nonce = nonces.issue(client);
        assertEquals(UNVERIFIABLE, nonces.check(nonce, address("198.51.100.21")));
        assertEquals(VALID, nonces.check(nonce, address("::ffff:198.51.100.20")));
    }

    @Test
    void aNonceFromAnotherInstanceOrBeforeARestartIsUnverifiable() {
        NonceManager restarted = new NonceManager(LIFETIME, clock);
        assertEquals(UNVERIFIABLE, restarted.check(nonces.issue(client), client));
    }

    @ParameterizedTest(name = "character {0} changed")
    @MethodSource("positions")
    void anyAlteredCharacterMakesItUnverifiable(int position) {
        String nonce = nonces.issue(client);
        char original = nonce.charAt(position);
        char altered = original == 'a' ? 'b' : 'a';
        String tampered = nonce.substring(0, position) + altered + nonce.substring(position + 1);
        assertEquals(UNVERIFIABLE, nonces.check(tampered, client));
    }

    static IntStream positions() {
        return IntStream.range(0, new NonceManager(LIFETIME).issue(address("192.0.2.1")).length());
    }

    @Test
    void movingTheTimestampForwardDoesNotRevive() {
        String nonce = nonces.issue(client);
        clock.advance(LIFETIME);
        String renewed = String.format("%012x", clock.millis()) + nonce.substring(12);
        assertNotEquals(nonce, renewed);
        assertEquals(UNVERIFIABLE, nonces.check(renewed, client));
    }

    @Test
    void aMadeUpNonceOfTheRightShapeIsUnverifiable() {
        assertEquals(UNVERIFIABLE, nonces.check("0000000000000000000000000000000000", client));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "x", "f//499k954d6OL34oL9FSTvy64sA", "+19e0a1b2c3dAAAAAAAAAAAAAAAAAAAAAA",
            "019E0A1B2C3DAAAAAAAAAAAAAAAAAAAAAA", "019e0a1b2c3dAAAAAAAAAAAAAAAAAAAAA=", "019e0a1b2c3dAAAAAAAAAA/AAAAAAAAAAA",
            "0000000000000000000000000000000000000000000000000000"})
    void garbageIsMalformed(String nonce) {
        assertEquals(MALFORMED, nonces.check(nonce, client));
    }

    @Test
    void nullIsMalformed() {
        assertEquals(MALFORMED, nonces.check(null, client));
    }

    @Test
    void isShortQuotableTextAndDiffersOverTime() {
        String first = nonces.issue(client);
        assertTrue(first.length() < 128, first); // RFC 8489 §14.10
        assertTrue(first.chars().allMatch(c -> c > ' ' && c < 127 && c != '"' && c != '\\'), first);
        clock.advance(Duration.ofMillis(1));
        assertNotEquals(first, nonces.issue(client));
    }

    @Test
    void needsAPositiveLifetime() {
        assertThrows(IllegalArgumentException.class, () -> new NonceManager(Duration.ZERO, clock));
        assertThrows(IllegalArgumentException.class, () -> new NonceManager(Duration.ofSeconds(-1), clock));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
