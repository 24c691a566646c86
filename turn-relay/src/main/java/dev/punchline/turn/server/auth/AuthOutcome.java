package dev.punchline.turn.server.auth;

import dev.punchline.turn.wire.ErrorCode;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.StunAttribute;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import java.util.List;
import java.util.Objects;

/** What {@link Authenticator#authenticate} decided about one request. */
public sealed interface AuthOutcome {

    /**
     * The request carries a valid MESSAGE-INTEGRITY from {@code username}. The server signs its
     * response with {@link #responseIntegrity()}.
     */
    final class Accepted implements AuthOutcome {
        private final String username;
        private final byte[] key;
        private final boolean sha256;

        Accepted(String username, byte[] key, boolean sha256) {
            this.username = username;
            this.key = key.clone();
            this.sha256 = sha256;
        }

        public String username() {
            return username;
        }

        /** The long-term key the request was signed with. */
        public byte[] key() {
            return key.clone();
        }

        /** MESSAGE-INTEGRITY-SHA256 if the request used it, else MESSAGE-INTEGRITY (RFC 8489 §9.2.4). */
        public Integrity responseIntegrity() {
            return sha256 ? Integrity.sha256(key) : Integrity.sha1(key);
        }

        /** Never the key. */
        @Override
        public String toString() {
            return "Accepted[" + username + "]";
        }
    }

    /**
     * The request is refused; {@link #errorResponse} is the answer to send, unsigned (the server
     * has no key it could trust).
     *
     * @param errorCode    400, 401 or 438
     * @param reasonPhrase the standard phrase sent to the client
     * @param attributes   REALM and NONCE where RFC 8489 §9.2.4 asks for them
     * @param detail       why, for logs; names no secret and repeats no client-supplied text
     * @param authFailure  whether this counts as a failed authentication (a wrong password, an
     *                     unknown or expired user, another realm, a malformed nonce) rather than
     *                     the normal challenge or a nonce that is no longer valid (438)
     */
    record Rejected(int errorCode, String reasonPhrase, List<StunAttribute> attributes, String detail,
                    boolean authFailure) implements AuthOutcome {

        public Rejected {
            attributes = List.copyOf(attributes);
            Objects.requireNonNull(detail, "detail");
        }

        /** The error response to {@code request}, to which the server may add attributes. */
        public StunMessage.Builder errorResponse(StunMessage request) {
            StunMessage.Builder response = StunMessage.builder(request.method(), StunClass.ERROR_RESPONSE,
                    request.transactionId());
            response.add(new ErrorCode(errorCode, reasonPhrase));
            attributes.forEach(response::add);
            return response;
        }
    }
}
