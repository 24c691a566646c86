package dev.punchline.turn.server.allocation;

/**
 * A permission for one peer IP, and when it lapses. A channel binding keeps a reference to its peer's permission, so
 * relaying on a channel checks a field instead of looking the permission up per packet; the sweep that removes a
 * permission marks it lapsed. Loop-confined.
 */
final class Permission {
    long expiresAt;
    boolean lapsed;
}
