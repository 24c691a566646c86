package dev.punchline.ice;

/** Which of several configured relays a session allocates on. */
public enum RelaySelection {
    /** The first in the configured order that grants an allocation; the next on failure or loss. */
    IN_ORDER,
    /**
     * Allocate on every relay at once and keep the one that answered first (an Allocate is two round trips with
     * the authentication challenge, so the first to complete is the one with the lowest RTT from here); the
     * others are released at once. On loss the next one in RTT order is tried.
     */
    LOWEST_RTT
}
