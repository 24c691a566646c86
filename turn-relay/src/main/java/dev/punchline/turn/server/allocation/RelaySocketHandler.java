package dev.punchline.turn.server.allocation;

import dev.punchline.turn.server.metrics.DropReason;
import dev.punchline.turn.server.metrics.TurnServerMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The relay socket's only handler: datagrams from peers go to the allocation; failures are counted, never fatal. */
final class RelaySocketHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RelaySocketHandler.class);

    private final Allocation allocation;
    private final TurnServerMetrics metrics;

    RelaySocketHandler(Allocation allocation, TurnServerMetrics metrics) {
        this.allocation = allocation;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet) {
            allocation.fromPeer(packet.sender(), packet.content());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        FlushBatch.flushPending();
    }

    /**
     * Unconnected UDP sockets get no ICMP errors on read, so what lands here is a send the kernel refused (network
     * unreachable, EPERM from a firewall, EINVAL for an impossible route). coturn 4.6.1 closes the whole allocation on
     * such an error and so kills every other path through it; here that one packet is dropped and counted.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        metrics.drop(DropReason.SEND_FAILED);
        LOG.debug("relay send failed on {}: {}", allocation.relayedAddress(), cause.toString());
    }
}
