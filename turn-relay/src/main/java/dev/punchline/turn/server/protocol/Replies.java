package dev.punchline.turn.server.protocol;

import dev.punchline.turn.server.allocation.Allocation;
import dev.punchline.turn.server.allocation.ClientLink;
import dev.punchline.turn.wire.ErrorCode;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.Software;
import dev.punchline.turn.wire.StunAttribute;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.TransactionId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

import java.util.List;

/**
 * Encodes and sends responses: FINGERPRINT on every one; MESSAGE-INTEGRITY and SOFTWARE when the request had a key. An
 * unsigned answer goes to anyone who asks, over UDP perhaps to a forged address, so it carries nothing the protocol does
 * not need: every byte more is amplification.
 */
final class Replies {

    private static final Software SOFTWARE = new Software("punchline");

    private Replies() {
    }

    static void success(ClientLink link, int method, TransactionId id, Integrity integrity,
                        List<? extends StunAttribute> attributes) {
        send(link, method, StunClass.SUCCESS_RESPONSE, id, integrity, attributes);
    }

    static void error(ClientLink link, int method, TransactionId id, Integrity integrity, int code,
                      List<? extends StunAttribute> extra) {
        StunMessage.Builder builder = StunMessage.builder(method, StunClass.ERROR_RESPONSE, id)
                .add(new ErrorCode(code, ErrorReasons.of(code)));
        extra.forEach(builder::add);
        encodeAndSend(link, id, builder, integrity);
    }

    private static void send(ClientLink link, int method, StunClass cls, TransactionId id, Integrity integrity,
                             List<? extends StunAttribute> attributes) {
        StunMessage.Builder builder = StunMessage.builder(method, cls, id);
        attributes.forEach(builder::add);
        encodeAndSend(link, id, builder, integrity);
    }

    /** An answer that authenticates nothing and goes to whoever asked: no SOFTWARE, see above. */
    static ByteBuf unsigned(StunMessage.Builder builder) {
        return builder.encode(ByteBufAllocator.DEFAULT, Integrity.NONE, true);
    }

    private static void encodeAndSend(ClientLink link, TransactionId id, StunMessage.Builder builder,
                                      Integrity integrity) {
        send(link, id, integrity == Integrity.NONE ? unsigned(builder)
                : builder.add(SOFTWARE).encode(ByteBufAllocator.DEFAULT, integrity, true));
    }

    /** Remembered for retransmissions whenever the 5-tuple holds an allocation (after this request, if it made one). */
    private static void send(ClientLink link, TransactionId id, ByteBuf encoded) {
        Allocation allocation = link.allocation();
        if (allocation != null) {
            allocation.cacheResponse(id, ByteBufUtil.getBytes(encoded));
        }
        link.writeAndFlush(encoded);
    }
}
