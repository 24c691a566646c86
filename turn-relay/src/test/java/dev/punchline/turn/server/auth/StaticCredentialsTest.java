package dev.punchline.turn.server.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticCredentialsTest {

    private static final String REALM = "test.local";

    @Test
    void theKeyIsMd5OfUserRealmAndPassword() throws Exception {
        StaticCredentials store = new StaticCredentials(REALM, Map.of("alice", "pw"));
        KeyLookup.Found found = assertInstanceOf(KeyLookup.Found.class, store.lookup("alice"));
        assertEquals(1, found.keys().size());
        assertArrayEquals(md5("alice:test.local:pw"), found.keys().get(0));
    }

    @Test
    void thePasswordIsSaslPreppedFirst() throws Exception {
        // RFC 5769 §2.4's password: a soft hyphen vanishes, ª becomes a and Ⅸ becomes IX
        StaticCredentials store = new StaticCredentials(REALM, Map.of("bob", "The\u00ADM\u00AAtr\u2168"));
        KeyLookup.Found found = assertInstanceOf(KeyLookup.Found.class, store.lookup("bob"));
        assertArrayEquals(md5("bob:test.local:TheMatrIX"), found.keys().get(0));
    }

    @Test
    void anUnknownNameIsRefusedWithAReason() {
        StaticCredentials store = new StaticCredentials(REALM, Map.of("alice", "pw"));
        KeyLookup.Refused refused = assertInstanceOf(KeyLookup.Refused.class, store.lookup("mallory"));
        assertFalse(refused.reason().isBlank());
        assertInstanceOf(KeyLookup.Refused.class, store.lookup("Alice"));
    }

    @Test
    void keepsNoPassword() throws Exception {
        String password = "correct horse battery staple";
        StaticCredentials store = new StaticCredentials(REALM, Map.of("alice", password));
        for (Field field : StaticCredentials.class.getDeclaredFields()) {
            field.setAccessible(true);
            Object value = field.get(store);
            String shown = value instanceof Map<?, ?> map ? map.values().toString() : String.valueOf(value);
            assertFalse(shown.contains(password), field.getName());
            if (value instanceof Map<?, ?> map) {
                map.values().forEach(v -> assertInstanceOf(byte[].class, v));
            }
        }
        assertFalse(store.toString().contains(password));
        assertTrue(store.toString().contains("alice"));
    }

    @Test
    void refusesAPasswordSaslPrepProhibitsNamingTheUserOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StaticCredentials(REALM, Map.of("carol", "bad\u0007bell")));
        assertTrue(e.getMessage().contains("carol"), e.getMessage());
        assertFalse(e.getMessage().contains("bad"), e.getMessage());
    }

    @Test
    void refusesAnEmptyName() {
        assertThrows(IllegalArgumentException.class, () -> new StaticCredentials(REALM, Map.of("", "pw")));
    }

    static byte[] md5(String text) throws Exception {
        return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
