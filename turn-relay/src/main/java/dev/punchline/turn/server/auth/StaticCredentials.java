package dev.punchline.turn.server.auth;

import dev.punchline.turn.wire.LongTermKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fixed list of users ({@code --user NAME:PASSWORD}). Only each user's long-term key is kept:
 * the passwords are hashed when the store is built and never held, so a heap dump gives away
 * keys for this realm but no password a user may have reused elsewhere.
 */
public final class StaticCredentials implements CredentialStore {

    private final Map<String, byte[]> keys;

    /**
     * @param users name to password
     * @throws IllegalArgumentException naming the user whose name is empty or whose password
     *         SASLprep (RFC 4013) refuses
     */
    public StaticCredentials(String realm, Map<String, String> users) {
        Objects.requireNonNull(realm, "realm");
        Map<String, byte[]> hashed = new HashMap<>();
        users.forEach((name, password) -> {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a static user needs a name");
            }
            try {
                hashed.put(name, LongTermKey.md5(name, realm, Objects.requireNonNull(password, name)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the password of user '" + name + "' is not usable: " + e.getMessage(), e);
            }
        });
        this.keys = Map.copyOf(hashed);
    }

    @Override
    public KeyLookup lookup(String username) {
        byte[] key = keys.get(username);
        return key == null ? KeyLookup.refused("no static user of that name") : KeyLookup.found(List.of(key));
    }

    @Override
    public String toString() {
        return "StaticCredentials" + keys.keySet();
    }
}
