package dev.punchline.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/** The client socket's handler: everything it receives goes to its session. */
final class ClientHandler extends ChannelInboundHandlerAdapter {

    private final Session session;

    ClientHandler(Session session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof DatagramPacket packet) {
                session.onClientFrame(packet.content());
            } else if (msg instanceof ByteBuf frame) {
                session.onClientFrame(frame);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * A connected UDP socket reports ICMP errors (port unreachable while a relay starts or after it died); a lost
     * packet is already counted as lost, and a dead relay is noticed by the benchmark itself.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Counted as loss where it matters.
    }
}
