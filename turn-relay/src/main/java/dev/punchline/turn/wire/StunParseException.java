package dev.punchline.turn.wire;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Input that is not a well-formed STUN or ChannelData message. Carries what a server needs to answer a
 * bad request (RFC 8489 §6.3.1): the error code (400, or 420 with the unknown attribute types), and the
 * method, class and transaction id whenever the header itself was readable.
 *
 * <p>No stack trace is captured: these are routine on an open port (anyone can send garbage), the cause is
 * in the message, and filling in a trace would make bad input far more expensive than good input.
 */
public final class StunParseException extends Exception {
    public static final int BAD_REQUEST = 400;
    public static final int UNKNOWN_ATTRIBUTE = 420;

    private static final int[] NONE = new int[0];

    private final int errorCode;
    private final int[] unknownAttributes;
    private final int method;
    private final StunClass messageClass;
    private final TransactionId transactionId;

    private StunParseException(String message, int errorCode, int[] unknownAttributes, int method,
                               StunClass messageClass, TransactionId transactionId) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.unknownAttributes = unknownAttributes;
        this.method = method;
        this.messageClass = messageClass;
        this.transactionId = transactionId;
    }

    static StunParseException malformed(String message) {
        return new StunParseException(message, BAD_REQUEST, NONE, -1, null, null);
    }

    static StunParseException unknownAttributes(int[] types) {
        return new StunParseException("unknown comprehension-required attributes", UNKNOWN_ATTRIBUTE, types,
                -1, null, null);
    }

    /** The same failure, now that the header is known to be STUN and its fields can be reported. */
    StunParseException withHeader(int method, StunClass messageClass, TransactionId transactionId) {
        return new StunParseException(getMessage(), errorCode, unknownAttributes, method, messageClass,
                transactionId);
    }

    /** 400 Bad Request, or 420 Unknown Attribute (then see {@link #unknownAttributes()}). */
    public int errorCode() {
        return errorCode;
    }

    /** The comprehension-required types not understood, for UNKNOWN-ATTRIBUTES in a 420; empty for 400. */
    public int[] unknownAttributes() {
        return unknownAttributes.clone();
    }

    public OptionalInt method() {
        return method < 0 ? OptionalInt.empty() : OptionalInt.of(method);
    }

    public Optional<StunClass> messageClass() {
        return Optional.ofNullable(messageClass);
    }

    public Optional<TransactionId> transactionId() {
        return Optional.ofNullable(transactionId);
    }
}
