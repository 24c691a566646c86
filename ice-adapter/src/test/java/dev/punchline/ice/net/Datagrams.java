package dev.punchline.ice.net;

import dev.punchline.turn.wire.ChannelData;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.TransactionId;
import dev.punchline.turn.wire.Username;
import dev.punchline.turn.wire.XorAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Datagrams of each class, as the tests send them. */
final class Datagrams {
    static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private Datagrams() {
    }

    /** An ICE connectivity check to the agent whose ufrag is the first part of {@code username}. */
    static ByteBuf check(String username) {
        return check(username, TransactionId.random());
    }

    static ByteBuf check(String username, TransactionId id) {
        return StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, id).add(new Username(username))
                .encode(ALLOC, Integrity.NONE, true);
    }

    /** A Binding request without USERNAME (a server-reflexive query, or a stray one). */
    static ByteBuf bindingRequest(TransactionId id) {
        return StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, id).encode(ALLOC, Integrity.NONE, true);
    }

    static ByteBuf bindingResponse(TransactionId id, InetSocketAddress mapped) {
        return StunMessage.builder(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE, id)
                .add(XorAddress.mapped(mapped)).encode(ALLOC, Integrity.NONE, true);
    }

    static ByteBuf bindingIndication() {
        return StunMessage.builder(StunMethod.BINDING, StunClass.INDICATION, TransactionId.random())
                .encode(ALLOC, Integrity.NONE, true);
    }

    /** A Punchline Link frame: first byte 4..15, then a text body. */
    static ByteBuf linkFrame(String body) {
        return withFirstByte(0x04, body);
    }

    static ByteBuf rtp(String body) {
        return withFirstByte(0x80, body);
    }

    static ByteBuf dtls(String body) {
        return withFirstByte(0x16, body);
    }

    static ByteBuf channelData(int channel, String body) {
        ByteBuf out = ALLOC.buffer();
        ChannelData.encode(out, channel, Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)), false);
        return out;
    }

    static ByteBuf withFirstByte(int first, String body) {
        ByteBuf b = ALLOC.buffer();
        b.writeByte(first);
        b.writeCharSequence(body, StandardCharsets.UTF_8);
        return b;
    }

    /** The body of a frame made by {@link #withFirstByte}. */
    static String body(ByteBuf datagram) {
        return datagram.toString(datagram.readerIndex() + 1, datagram.readableBytes() - 1, StandardCharsets.UTF_8);
    }
}
