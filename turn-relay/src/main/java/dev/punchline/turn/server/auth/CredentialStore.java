package dev.punchline.turn.server.auth;

/**
 * Where the {@link Authenticator} finds a user's long-term key (RFC 8489 §9.2.2). A store never
 * hands out a password: the key, MD5(username ":" realm ":" SASLprep(password)), is all a server
 * needs to check a MESSAGE-INTEGRITY and to sign its answer.
 */
public interface CredentialStore {

    /**
     * The keys {@code username} may have signed with — several while a shared secret is being
     * rotated, since only the integrity check can tell which one the client used — or why the
     * name is not valid. Reasons name no secret and no password.
     */
    KeyLookup lookup(String username);
}
