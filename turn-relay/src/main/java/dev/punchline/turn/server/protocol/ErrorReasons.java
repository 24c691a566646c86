package dev.punchline.turn.server.protocol;

/** The reason phrases RFC 8489 §14.8 and RFC 8656 §19 suggest for the codes this server sends. */
final class ErrorReasons {

    private ErrorReasons() {
    }

    static String of(int code) {
        return switch (code) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 420 -> "Unknown Attribute";
            case 437 -> "Allocation Mismatch";
            case 438 -> "Stale Nonce";
            case 440 -> "Address Family not Supported";
            case 441 -> "Wrong Credentials";
            case 442 -> "Unsupported Transport Protocol";
            case 443 -> "Peer Address Family Mismatch";
            case 486 -> "Allocation Quota Reached";
            case 508 -> "Insufficient Capacity";
            default -> "Server Error";
        };
    }
}
