package dev.punchline.turn.server.allocation;

import dev.punchline.turn.server.metrics.DropReason;
import dev.punchline.turn.server.metrics.TurnServerMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every UDP socket of the server (listener or relay) does besides its own datagrams: outlive failed sends. What
 * its datagrams make the server write is flushed at the end of the event loop's pass ({@link FlushBatch}).
 */
public abstract class DatagramHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramHandler.class);

    private final TurnServerMetrics metrics;

    protected DatagramHandler(TurnServerMetrics metrics) {
        this.metrics = metrics;
    }

    /** Takes ownership of the packet's content. */
    protected abstract void onDatagram(ChannelHandlerContext ctx, DatagramPacket packet);

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet) {
            onDatagram(ctx, packet);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Unconnected UDP sockets get no ICMP errors on read, so what lands here is a send the kernel refused (network
     * unreachable, EPERM from a firewall, EINVAL for an impossible route). coturn 4.6.1 closes the whole allocation on
     * such an error and so kills every other path through it; here that one packet is dropped and counted, and the
     * socket, which serves every other peer or client, stays open.
     */
    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        metrics.drop(DropReason.SEND_FAILED);
        LOG.debug("send failed on {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
