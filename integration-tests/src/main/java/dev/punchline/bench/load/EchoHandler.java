package dev.punchline.bench.load;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/**
 * The peer socket's handler: sends every datagram straight back on its connected socket, reusing the received buffer,
 * and flushes once per read burst so a burst leaves in one sendmmsg.
 */
@ChannelHandler.Sharable
final class EchoHandler extends ChannelInboundHandlerAdapter {

    static final EchoHandler INSTANCE = new EchoHandler();

    private EchoHandler() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.write(msg instanceof DatagramPacket packet ? packet.content() : msg, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    /** As for the client: an ICMP error only means a packet was lost, and loss is what the benchmark counts. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Counted as loss.
    }
}
