package dev.punchline.ice.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint's only handler: copies each datagram out of its 64 KB receive buffer into one of its own size
 * (a handler that keeps a packet, the Link during a switch, must not pin 64 KB per packet; the copy costs
 * little next to the system call), hands it to the demultiplexer, and counts socket errors.
 */
final class InboundDatagrams extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(InboundDatagrams.class);

    private final Demultiplexer demux;
    private final LongAdder socketErrors;

    InboundDatagrams(Demultiplexer demux, LongAdder socketErrors) {
        this.demux = demux;
        this.socketErrors = socketErrors;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ByteBuf exact;
        try {
            ByteBuf content = packet.content();
            int length = content.readableBytes();
            exact = ctx.alloc().buffer(length, length);
            exact.writeBytes(content, content.readerIndex(), length);
        } finally {
            packet.release();
        }
        try {
            demux.receive(exact, packet.sender());
        } finally {
            exact.release();
        }
    }

    /** Send failures arrive here (sends use the void promise); so would a receive error. Neither closes. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        socketErrors.increment();
        LOG.debug("UDP socket {}: {}", demux.direct().local(), cause.toString());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        demux.socketClosed("UDP socket " + demux.direct().local() + " closed");
        ctx.fireChannelInactive();
    }
}
