package dev.punchline.turn.client;

import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.LongTermKey;
import dev.punchline.turn.wire.Nonce;
import dev.punchline.turn.wire.Realm;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.Username;

/**
 * The long-term credential mechanism from the client's side (RFC 8489 §9.2): nothing until the server's
 * first 401 names its realm and nonce, then USERNAME, REALM, NONCE and MESSAGE-INTEGRITY under
 * MD5(username:realm:password) on every request; a 438 brings a new nonce. Executor-confined.
 */
final class LongTermAuth {
    private final TurnCredentials credentials;
    private String realm;
    private String nonce;
    private byte[] key;
    private Integrity integrity = Integrity.NONE;

    LongTermAuth(TurnCredentials credentials) {
        this.credentials = credentials;
    }

    String username() {
        return credentials.username();
    }

    String realm() {
        return realm;
    }

    /** The nonce requests are signed with now; null before the first challenge. */
    String nonce() {
        return nonce;
    }

    /** The key responses to the next request must be signed with; null before the first challenge. */
    byte[] key() {
        return key;
    }

    Integrity integrity() {
        return integrity;
    }

    void sign(StunMessage.Builder request) {
        if (nonce != null) {
            request.add(new Username(credentials.username())).add(new Realm(realm)).add(new Nonce(nonce));
        }
    }

    /**
     * Takes the realm and nonce of a 401 or 438. Returns false when the response lacks them, and the
     * request therefore cannot be answered.
     */
    boolean challenge(TurnResponse response) {
        String newRealm = response.realm() != null ? response.realm() : realm;
        if (newRealm == null || response.nonce() == null) {
            return false;
        }
        if (!newRealm.equals(realm)) {
            realm = newRealm;
            key = LongTermKey.md5(credentials.username(), realm, credentials.password());
            integrity = Integrity.sha1(key);
        }
        nonce = response.nonce();
        return true;
    }
}
