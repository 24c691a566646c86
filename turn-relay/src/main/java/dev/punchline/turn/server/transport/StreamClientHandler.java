package dev.punchline.turn.server.transport;

import dev.punchline.turn.server.Transport;
import dev.punchline.turn.server.allocation.Allocation;
import dev.punchline.turn.server.metrics.ConnectionCloseReason;
import dev.punchline.turn.server.metrics.DeletionReason;
import dev.punchline.turn.server.metrics.TurnServerMetrics;
import dev.punchline.turn.server.protocol.TurnProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * One TCP or TLS client connection, after {@code StunStreamFrameDecoder} has cut the stream into frames. The
 * connection is the allocation's 5-tuple: when it closes, the allocation goes (RFC 8656 §3.1).
 */
final class StreamClientHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(StreamClientHandler.class);

    private final TurnProtocol protocol;
    private final Transport transport;
    private final Duration unallocatedTimeout;
    private final TurnServerMetrics metrics;
    private AllocationDeadline deadline;
    private StreamClientLink link;

    StreamClientHandler(TurnProtocol protocol, Transport transport, Duration unallocatedTimeout,
                        TurnServerMetrics metrics) {
        this.protocol = protocol;
        this.transport = transport;
        this.unallocatedTimeout = unallocatedTimeout;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = new AllocationDeadline(ctx.channel(), unallocatedTimeout, metrics);
        link = new StreamClientLink(ctx.channel(), transport, deadline);
        ctx.fireChannelActive();
    }

    /** A failed TLS handshake: SslHandler closes the connection itself; this counts why. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            metrics.connectionClosed(handshake.cause() instanceof SslHandshakeTimeoutException
                    ? ConnectionCloseReason.TLS_HANDSHAKE_TIMEOUT : ConnectionCloseReason.TLS_HANDSHAKE_FAILED);
        }
        ctx.fireUserEventTriggered(event);
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
    public void channelInactive(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel();
        }
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
