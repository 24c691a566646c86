package dev.punchline.turn.server.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Several stores at once, such as static users beside REST credentials. A username may be valid
 * in more than one store; then every key is a candidate, in the order the stores were given.
 */
public final class CompositeCredentials implements CredentialStore {

    private final List<CredentialStore> stores;

    public CompositeCredentials(List<CredentialStore> stores) {
        if (stores.isEmpty()) {
            throw new IllegalArgumentException("a composite needs at least one credential store");
        }
        this.stores = List.copyOf(stores);
    }

    @Override
    public KeyLookup lookup(String username) {
        List<byte[]> keys = new ArrayList<>();
        StringJoiner reasons = new StringJoiner("; ");
        for (CredentialStore store : stores) {
            KeyLookup lookup = store.lookup(username);
            if (lookup instanceof KeyLookup.Found found) {
                keys.addAll(found.keys());
            } else if (lookup instanceof KeyLookup.Refused refused) {
                reasons.add(refused.reason());
            }
        }
        return keys.isEmpty() ? KeyLookup.refused(reasons.toString()) : KeyLookup.found(keys);
    }

    @Override
    public String toString() {
        return "CompositeCredentials" + stores;
    }
}
