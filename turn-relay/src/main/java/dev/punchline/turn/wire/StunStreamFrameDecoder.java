package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;
import java.util.Objects;

/**
 * Splits a TCP or TLS byte stream into whole frames (RFC 8656 §12.5): a STUN message by its length field,
 * a ChannelData message by its length padded to four (the padding is dropped, so a frame looks like a UDP
 * datagram). Each frame goes on as a retained slice that the next handler releases. Anything that is
 * neither cannot be resynchronised — there is no frame marker to search for — so the connection is closed.
 */
public final class StunStreamFrameDecoder extends ByteToMessageDecoder {
    /** Enough to see the magic cookie, the cheapest proof that a stream really carries STUN. */
    private static final int STUN_PREFIX = StunHeader.COOKIE_OFFSET + 4;

    private final Runnable onGarbage;
    private boolean discarding;

    public StunStreamFrameDecoder() {
        this(() -> {
        });
    }

    /** @param onGarbage called once per connection closed for garbage, e.g. to count it */
    public StunStreamFrameDecoder(Runnable onGarbage) {
        this.onGarbage = Objects.requireNonNull(onGarbage, "onGarbage");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int at = in.readerIndex();
        int readable = in.readableBytes();
        int first = in.getUnsignedByte(at);
        if (first < ChannelData.MIN_CHANNEL >> 8) {
            if (readable < STUN_PREFIX) {
                return;
            }
            int length = in.getUnsignedShort(at + StunHeader.LENGTH_OFFSET);
            if (in.getInt(at + StunHeader.COOKIE_OFFSET) != StunHeader.MAGIC_COOKIE || length % 4 != 0) {
                garbage(ctx, in);
            } else if (readable >= StunHeader.LENGTH + length) {
                out.add(in.readRetainedSlice(StunHeader.LENGTH + length));
            }
        } else if (first <= ChannelData.MAX_ACCEPTED_CHANNEL >> 8) {
            if (readable < ChannelData.HEADER_LENGTH) {
                return;
            }
            int length = in.getUnsignedShort(at + 2);
            int padded = StunHeader.padded(length);
            if (readable >= ChannelData.HEADER_LENGTH + padded) {
                out.add(in.readRetainedSlice(ChannelData.HEADER_LENGTH + length));
                in.skipBytes(padded - length);
            }
        } else {
            garbage(ctx, in);
        }
    }

    private void garbage(ChannelHandlerContext ctx, ByteBuf in) {
        discarding = true;
        in.skipBytes(in.readableBytes());
        onGarbage.run();
        ctx.close();
    }
}
