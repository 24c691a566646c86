package dev.punchline.turn.server.auth;

import static dev.punchline.turn.server.auth.StaticCredentialsTest.md5;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeCredentialsTest {

    private static final String REALM = "test.local";
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private final CompositeCredentials both = new CompositeCredentials(List.of(
            new StaticCredentials(REALM, Map.of("alice", "pw")),
            new RestSecretCredentials(REALM, List.of("S"), new TestClock(NOW))));

    @Test
    void findsStaticAndRestUsersAlike() throws Exception {
        KeyLookup.Found alice = assertInstanceOf(KeyLookup.Found.class, both.lookup("alice"));
        assertArrayEquals(md5("alice:test.local:pw"), alice.keys().get(0));

        String rest = (NOW.getEpochSecond() + 60) + ":bob";
        KeyLookup.Found bob = assertInstanceOf(KeyLookup.Found.class, both.lookup(rest));
        assertArrayEquals(md5(rest + ":test.local:" + CoturnRestPassword.of("S", rest)), bob.keys().get(0));
    }

    @Test
    void aNameValidInTwoStoresGetsBothKeysInStoreOrder() {
        String name = (NOW.getEpochSecond() + 60) + ":carol";
        CompositeCredentials overlapping = new CompositeCredentials(List.of(
                new StaticCredentials(REALM, Map.of(name, "pw")),
                new RestSecretCredentials(REALM, List.of("S"), new TestClock(NOW))));
        KeyLookup.Found found = assertInstanceOf(KeyLookup.Found.class, overlapping.lookup(name));
        assertEquals(2, found.keys().size());
    }

    @Test
    void aRefusalGivesEveryStoresReason() {
        KeyLookup.Refused refused = assertInstanceOf(KeyLookup.Refused.class, both.lookup("1000000000:dave"));
        assertTrue(refused.reason().contains("no static user"), refused.reason());
        assertTrue(refused.reason().contains("expired"), refused.reason());
    }

    @Test
    void needsAStore() {
        assertThrows(IllegalArgumentException.class, () -> new CompositeCredentials(List.of()));
    }
}
