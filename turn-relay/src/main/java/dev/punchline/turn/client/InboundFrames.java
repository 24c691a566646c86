package dev.punchline.turn.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.PortUnreachableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client-owned channel: hands each whole frame (a datagram, or a frame the stream
 * decoder cut out) to the client, and tells it when the channel breaks or closes.
 */
final class InboundFrames extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(InboundFrames.class);

    private final TurnInbound inbound;
    private final boolean stream;
    private String closeReason = "closed";

    InboundFrames(TurnInbound inbound, boolean stream) {
        this.inbound = inbound;
        this.stream = stream;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            ByteBuf frame = msg instanceof DatagramPacket packet ? packet.content() : (ByteBuf) msg;
            if (!inbound.receive(frame)) {
                LOG.trace("dropping a frame the TURN client does not expect from {}", ctx.channel().remoteAddress());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inbound.transportClosed("connection to " + ctx.channel().remoteAddress() + " " + closeReason);
        ctx.fireChannelInactive();
    }

    /**
     * On a stream any error ends the connection. On UDP the typical one is an ICMP port unreachable, a hint
     * that the server is gone which the client verifies before believing it.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (stream) {
            closeReason = "failed: " + cause;
            ctx.close();
        } else {
            if (!(cause instanceof PortUnreachableException)) {
                LOG.debug("UDP socket to {} reported {}", ctx.channel().remoteAddress(), cause.toString());
            }
            inbound.transportError(cause);
        }
    }
}
