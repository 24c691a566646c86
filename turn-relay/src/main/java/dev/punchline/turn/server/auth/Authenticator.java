package dev.punchline.turn.server.auth;

import dev.punchline.turn.wire.MessageIntegritySha256;
import dev.punchline.turn.wire.Nonce;
import dev.punchline.turn.wire.Realm;
import dev.punchline.turn.wire.StunAttribute;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.Username;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of STUN long-term credentials (RFC 8489 §9.2.4), in the RFC's order:
 * <ol>
 *   <li>no MESSAGE-INTEGRITY(-SHA256): 401 with REALM and a NONCE (the challenge);</li>
 *   <li>USERNAME, REALM or NONCE missing: 400;</li>
 *   <li>a realm other than this server's: 401;</li>
 *   <li>a nonce that is no longer valid — expired, or shaped like ours but not signed with this
 *       instance's key for this address (issued before a restart or by another instance behind
 *       the same name, or to the client's previous IP address): 438 with a fresh NONCE, so the
 *       client retries at once instead of taking it for wrong credentials; a nonce no version of
 *       this server could have issued: 401;</li>
 *   <li>an unknown or expired user, or an integrity that matches none of the user's keys: 401;</li>
 *   <li>otherwise accepted, with the key the response is to be signed with.</li>
 * </ol>
 * Every 401 and 438 carries REALM and a fresh NONCE so the client can retry at once. A 438 is not
 * an authentication failure: it says nothing about the credentials, and a client that retries with
 * wrong ones meets the 401 (and the count) one step later. An altered nonce gets 438 too, since
 * its MAC looks like one from another key; that tells an attacker nothing a plain 401 would not.
 *
 * <p>MESSAGE-INTEGRITY-SHA256 is accepted and answered in kind, keyed with the MD5 long-term
 * key: without a nonce cookie (see {@link NonceManager}) no PASSWORD-ALGORITHMS are negotiated,
 * and RFC 8489 §9.2.4 then processes the request as if PASSWORD-ALGORITHM were MD5. For the same
 * reason USERHASH is not accepted in place of USERNAME, and PASSWORD-ALGORITHM(S) in a request
 * are ignored. HMACs are compared in constant time by {@link StunMessage#verifyIntegrity}.
 *
 * <p>Keeps no state per request, so every event loop may share one instance.
 */
public final class Authenticator {

    private static final int BAD_REQUEST = 400;
    private static final int UNAUTHENTICATED = 401;
    private static final int STALE_NONCE = 438;
    private static final int DECOY_KEY_BYTES = 16;

    private final String realm;
    private final CredentialStore credentials;
    private final NonceManager nonces;
    /** Checked against when the user is unknown, so that an unknown name costs the same HMAC as a known one. */
    private final byte[] decoyKey = new byte[DECOY_KEY_BYTES];

    public Authenticator(String realm, CredentialStore credentials, NonceManager nonces) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        new SecureRandom().nextBytes(decoyKey);
    }

    public AuthOutcome authenticate(StunMessage request, InetSocketAddress client) {
        InetAddress clientAddress = Objects.requireNonNull(client.getAddress(), "client address");
        if (!request.hasIntegrity()) {
            return challenge(UNAUTHENTICATED, clientAddress, "no MESSAGE-INTEGRITY: challenged", false);
        }
        Optional<Username> username = request.attribute(Username.class);
        Optional<Realm> requestRealm = request.attribute(Realm.class);
        Optional<Nonce> nonce = request.attribute(Nonce.class);
        if (username.isEmpty() || requestRealm.isEmpty() || nonce.isEmpty()) {
            String missing = (username.isEmpty() ? " USERNAME" : "") + (requestRealm.isEmpty() ? " REALM" : "")
                    + (nonce.isEmpty() ? " NONCE" : "");
            return new AuthOutcome.Rejected(BAD_REQUEST, "Bad Request", List.of(),
                    "MESSAGE-INTEGRITY but no" + missing, false);
        }
        if (!realm.equals(requestRealm.get().realm())) {
            return challenge(UNAUTHENTICATED, clientAddress, "another realm than this server's", true);
        }
        switch (nonces.check(nonce.get().nonce(), clientAddress)) {
            case MALFORMED:
                return challenge(UNAUTHENTICATED, clientAddress, "a nonce this server never issues", true);
            case UNVERIFIABLE:
                return challenge(STALE_NONCE, clientAddress,
                        "nonce not signed by this instance for this address (restart, another instance, new address)",
                        false);
            case EXPIRED:
                return challenge(STALE_NONCE, clientAddress, "nonce expired", false);
            case VALID:
                break;
        }
        KeyLookup lookup = credentials.lookup(username.get().name());
        if (lookup instanceof KeyLookup.Found found) {
            for (byte[] key : found.keys()) {
                if (request.verifyIntegrity(key)) {
                    boolean sha256 = request.attribute(MessageIntegritySha256.class).isPresent();
                    return new AuthOutcome.Accepted(username.get().name(), key, sha256);
                }
            }
            return challenge(UNAUTHENTICATED, clientAddress, "MESSAGE-INTEGRITY does not match: wrong password", true);
        }
        request.verifyIntegrity(decoyKey);
        return challenge(UNAUTHENTICATED, clientAddress, ((KeyLookup.Refused) lookup).reason(), true);
    }

    private AuthOutcome.Rejected challenge(int code, InetAddress client, String detail, boolean authFailure) {
        List<StunAttribute> attributes = List.of(new Realm(realm), new Nonce(nonces.issue(client)));
        String phrase = code == STALE_NONCE ? "Stale Nonce" : "Unauthenticated";
        return new AuthOutcome.Rejected(code, phrase, attributes, detail, authFailure);
    }
}
