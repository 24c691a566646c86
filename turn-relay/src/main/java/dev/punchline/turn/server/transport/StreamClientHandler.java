package dev.punchline.turn.server.transport;

import dev.punchline.turn.server.Transport;
import dev.punchline.turn.server.allocation.Allocation;
import dev.punchline.turn.server.allocation.FlushBatch;
import dev.punchline.turn.server.metrics.DeletionReason;
import dev.punchline.turn.server.protocol.TurnProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP or TLS client connection, after {@code StunStreamFrameDecoder} has cut the stream into frames. The
 * connection is the allocation's 5-tuple: when it closes, the allocation goes (RFC 8656 §3.1).
 */
final class StreamClientHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(StreamClientHandler.class);

    private final TurnProtocol protocol;
    private final Transport transport;
    private StreamClientLink link;

    StreamClientHandler(TurnProtocol protocol, Transport transport) {
        this.protocol = protocol;
        this.transport = transport;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        link = new StreamClientLink(ctx.channel(), transport);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf frame && link != null) {
            protocol.onFrame(link, frame);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        FlushBatch.flushPending();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Allocation allocation = link == null ? null : link.allocation();
        if (allocation != null) {
            allocation.close(DeletionReason.CONNECTION_CLOSED);
        }
        ctx.fireChannelInactive();
    }

    /** A broken stream (reset, TLS failure) cannot be resynchronised: close it, which also ends its allocation. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{} connection from {} failed: {}", transport, ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
