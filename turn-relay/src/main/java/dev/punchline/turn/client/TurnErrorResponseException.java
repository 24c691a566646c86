package dev.punchline.turn.client;

import dev.punchline.turn.wire.StunMethod;

/** The server answered a request with an error response (RFC 8489 §14.8 ERROR-CODE). */
public final class TurnErrorResponseException extends TurnException {
    private final int method;
    private final int code;
    private final String reason;

    TurnErrorResponseException(int method, int code, String reason, String explanation) {
        super(StunMethod.name(method) + " refused: " + code + " " + reason
                + (explanation == null ? "" : " (" + explanation + ")"));
        this.method = method;
        this.code = code;
        this.reason = reason;
    }

    static TurnErrorResponseException of(TurnResponse response) {
        return new TurnErrorResponseException(response.method(), response.errorCode(), response.errorReason(),
                explain(response.errorCode()));
    }

    /** What the codes RFC 8656 names mean for a client, in words an operator can act on. */
    private static String explain(int code) {
        return switch (code) {
            case 300 -> "the server redirects to another server";
            case 401 -> "the server did not accept the credentials";
            case 403 -> "forbidden by the server's policy";
            case 420 -> "the server does not understand a required attribute";
            case 437 -> "the server has no allocation, or another one, for this client's address and port";
            case 441 -> "wrong credentials: not those the allocation was made with";
            case 442 -> "the server does not relay that transport";
            case 443 -> "the peer's address family does not match the relayed address";
            case 486 -> "this user's allocation quota is used up";
            case 508 -> "the server is out of capacity";
            default -> null;
        };
    }

    /** The STUN method of the refused request ({@link StunMethod}). */
    public int method() {
        return method;
    }

    /** The error code, 300 to 699. */
    public int code() {
        return code;
    }

    /** The server's reason phrase. */
    public String reason() {
        return reason;
    }
}
