package dev.punchline.turn.server.auth;

import static dev.punchline.turn.server.auth.StaticCredentialsTest.md5;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RestSecretCredentialsTest {

    private static final String REALM = "test.local";
    private static final String SECRET = "S";
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final RestSecretCredentials store = new RestSecretCredentials(REALM, List.of(SECRET), clock);

    @Test
    void theKeyComesFromThePasswordCoturnsDocumentationComputes() throws Exception {
        assumeTrue(CoturnRestPassword.opensslAvailable(), "openssl is not installed");
        String username = (NOW.getEpochSecond() + 3600) + ":alice";
        String password = CoturnRestPassword.of(SECRET, username);
        assertEquals(28, password.length(), password); // base64 of a 20-byte HMAC-SHA1
        KeyLookup.Found found = assertInstanceOf(KeyLookup.Found.class, store.lookup(username));
        assertArrayEquals(md5(username + ":" + REALM + ":" + password), found.keys().get(0));
    }

    @Test
    void aBareExpiryIsAUsernameToo() throws Exception {
        String username = Long.toString(NOW.getEpochSecond() + 60);
        KeyLookup.Found found = assertInstanceOf(KeyLookup.Found.class, store.lookup(username));
        assertArrayEquals(md5(username + ":" + REALM + ":" + CoturnRestPassword.of(SECRET, username)), found.keys().get(0));
    }

    @Test
    void theUserPartMayHoldColons() {
        assertInstanceOf(KeyLookup.Found.class, store.lookup((NOW.getEpochSecond() + 60) + ":alice:laptop"));
    }

    @Test
    void expiresAtTheExpiryTimeAndSaysSo() {
        String username = (NOW.getEpochSecond() + 10) + ":alice";
        assertInstanceOf(KeyLookup.Found.class, store.lookup(username));
        clock.advance(java.time.Duration.ofSeconds(9));
        assertInstanceOf(KeyLookup.Found.class, store.lookup(username));
        clock.advance(java.time.Duration.ofSeconds(1));
        KeyLookup.Refused refused = assertInstanceOf(KeyLookup.Refused.class, store.lookup(username));
        assertTrue(refused.reason().contains("expired"), refused.reason());
        assertTrue(refused.reason().contains("2026-05-01T12:00:10Z"), refused.reason());
    }

    @Test
    void aLongExpiredCredentialIsRefused() {
        KeyLookup.Refused refused = assertInstanceOf(KeyLookup.Refused.class, store.lookup("1000000000:alice"));
        assertTrue(refused.reason().contains("expired"), refused.reason());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"alice", "alice:1900000000", ":alice", "", "-1900000000:alice", "+1900000000:alice",
            "19000000000000000000000:alice", "1900000000 :alice", "0x7fffffff:alice", "１９００００００００:alice"})
    void aNameWithoutALeadingExpiryIsNotARestUsername(String username) {
        KeyLookup.Refused refused = assertInstanceOf(KeyLookup.Refused.class, store.lookup(username));
        assertTrue(refused.reason().contains("REST"), refused.reason());
    }

    @Test
    void everySecretGivesACandidateKeySoSecretsCanRotate() throws Exception {
        RestSecretCredentials rotating = new RestSecretCredentials(REALM, List.of("new", "old"), clock);
        String username = (NOW.getEpochSecond() + 60) + ":alice";
        KeyLookup.Found found = assertInstanceOf(KeyLookup.Found.class, rotating.lookup(username));
        assertEquals(2, found.keys().size());
        assertArrayEquals(md5(username + ":" + REALM + ":" + CoturnRestPassword.of("new", username)), found.keys().get(0));
        assertArrayEquals(md5(username + ":" + REALM + ":" + CoturnRestPassword.of("old", username)), found.keys().get(1));
    }

    @Test
    void neverShowsTheSecret() {
        RestSecretCredentials secretive = new RestSecretCredentials(REALM, List.of("hunter2-secret"), clock);
        assertFalse(secretive.toString().contains("hunter2"));
        KeyLookup.Refused refused = assertInstanceOf(KeyLookup.Refused.class, secretive.lookup("1:alice"));
        assertFalse(refused.reason().contains("hunter2"));
    }

    @Test
    void needsANonEmptySecret() {
        assertThrows(IllegalArgumentException.class, () -> new RestSecretCredentials(REALM, List.of(), clock));
        assertThrows(IllegalArgumentException.class, () -> new RestSecretCredentials(REALM, List.of(""), clock));
    }
}
