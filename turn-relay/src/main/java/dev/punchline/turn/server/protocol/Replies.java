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

/** Encodes and sends responses: SOFTWARE and FINGERPRINT on every one, MESSAGE-INTEGRITY when the request had a key. */
final class Replies {

    static final Software SOFTWARE = new Software("punchline");

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
        send(link, id, builder.add(SOFTWARE).encode(ByteBufAllocator.DEFAULT, integrity, true));
    }

    private static void send(ClientLink link, int method, StunClass cls, TransactionId id, Integrity integrity,
                             List<? extends StunAttribute> attributes) {
        StunMessage.Builder builder = StunMessage.builder(method, cls, id);
        attributes.forEach(builder::add);
        send(link, id, builder.add(SOFTWARE).encode(ByteBufAllocator.DEFAULT, integrity, true));
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
