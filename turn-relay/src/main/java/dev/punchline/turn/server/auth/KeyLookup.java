package dev.punchline.turn.server.auth;

import java.util.List;
import java.util.Objects;

/** What a {@link CredentialStore} knows about a username: candidate keys, or why there are none. */
public sealed interface KeyLookup {

    static KeyLookup found(List<byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a found user has at least one key");
        }
        return new Found(keys.stream().map(byte[]::clone).toList());
    }

    static KeyLookup refused(String reason) {
        return new Refused(Objects.requireNonNull(reason, "reason"));
    }

    /** Keys to try in order, most likely first; copies the caller may keep. */
    record Found(List<byte[]> keys) implements KeyLookup {
        @Override
        public String toString() {
            return "Found[" + keys.size() + " key(s)]";
        }
    }

    /** Why the username is not valid, for logs and counters. */
    record Refused(String reason) implements KeyLookup {
    }
}
