package dev.punchline.turn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TurnCredentialsTest {

    /**
     * The password computed outside our code, the way coturn's documentation says a web service should:
     * {@code printf %s 1767225600:alice | openssl dgst -binary -sha1 -hmac north | base64}.
     */
    @Test
    void restCredentialsAreThoseCoturnsUseAuthSecretExpects() {
        TurnCredentials credentials = TurnCredentials.fromRestSecret("north", "alice",
                Instant.parse("2026-01-01T00:00:00Z"));

        assertEquals("1767225600:alice", credentials.username());
        assertEquals("qnVCfmDqv+5N7tpxKH0liO/huIU=", credentials.password());
    }

    @Test
    void theirTextNeverShowsThePassword() {
        assertFalse(new TurnCredentials("alice", "s3cret").toString().contains("s3cret"));
    }

    @Test
    void emptyUsernamesAndSecretsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TurnCredentials("", "pw"));
        assertThrows(IllegalArgumentException.class, () -> TurnCredentials.fromRestSecret("", "alice", Instant.EPOCH));
    }
}
