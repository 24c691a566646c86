package dev.punchline.turn.client;

import dev.punchline.turn.wire.AlternateServer;
import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.ErrorCode;
import dev.punchline.turn.wire.Lifetime;
import dev.punchline.turn.wire.Nonce;
import dev.punchline.turn.wire.Realm;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.UnknownAttributes;
import dev.punchline.turn.wire.XorAddress;
import java.net.InetSocketAddress;

/**
 * What the client needs of a response, copied out of the decoded message so that the message (and the
 * buffer it holds) can be released at once. {@code sentNanos} is when the request was first sent: the
 * server's timers started no earlier, so lifetimes counted from it never overestimate what is left.
 */
record TurnResponse(int method, boolean success, int errorCode, String errorReason, String realm, String nonce,
                    long lifetimeSeconds, InetSocketAddress relayed, InetSocketAddress mapped,
                    InetSocketAddress alternateServer, int[] unknownAttributes, long sentNanos) {

    static final long NO_LIFETIME = -1;

    static TurnResponse of(StunMessage m, long sentNanos) {
        ErrorCode error = m.attribute(ErrorCode.class).orElse(null);
        return new TurnResponse(m.method(), m.messageClass() == StunClass.SUCCESS_RESPONSE,
                error == null ? 0 : error.code(), error == null ? "" : error.reason(),
                m.attribute(Realm.class).map(Realm::realm).orElse(null),
                m.attribute(Nonce.class).map(Nonce::nonce).orElse(null),
                m.attribute(Lifetime.class).map(Lifetime::seconds).orElse(NO_LIFETIME),
                m.xorAddress(AttributeType.XOR_RELAYED_ADDRESS).map(XorAddress::address).orElse(null),
                m.xorAddress(AttributeType.XOR_MAPPED_ADDRESS).map(XorAddress::address).orElse(null),
                m.attribute(AlternateServer.class).map(AlternateServer::address).orElse(null),
                m.attribute(UnknownAttributes.class).map(UnknownAttributes::types).orElse(new int[0]),
                sentNanos);
    }

    boolean unknown(int attributeType) {
        for (int t : unknownAttributes) {
            if (t == attributeType) {
                return true;
            }
        }
        return false;
    }
}
