package dev.punchline.turn.wire;

/**
 * The class of a STUN message (RFC 8489 §5). The declaration order matches the two class bits (C1 C0),
 * so the ordinal is the wire value.
 */
public enum StunClass {
    REQUEST,
    INDICATION,
    SUCCESS_RESPONSE,
    ERROR_RESPONSE
}
