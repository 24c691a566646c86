package dev.punchline.turn.server.transport;

import dev.punchline.turn.server.allocation.Allocation;
import dev.punchline.turn.server.allocation.DatagramHandler;
import dev.punchline.turn.server.metrics.TurnServerMetrics;
import dev.punchline.turn.server.protocol.TurnProtocol;
import dev.punchline.turn.wire.ChannelData;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentMap;

/**
 * One UDP listener socket (of several sharing a port through SO_REUSEPORT). The kernel keeps a client on one socket,
 * hence on one loop, and its allocation lives on that loop; should a datagram still arrive elsewhere, it is handed to
 * the allocation's loop rather than touching the allocation from two threads.
 */
@ChannelHandler.Sharable
final class UdpListenerHandler extends DatagramHandler {

    private final ConcurrentMap<InetSocketAddress, Allocation> allocations;
    private final TurnProtocol protocol;

    UdpListenerHandler(ConcurrentMap<InetSocketAddress, Allocation> allocations, TurnProtocol protocol,
                       TurnServerMetrics metrics) {
        super(metrics);
        this.allocations = allocations;
        this.protocol = protocol;
    }

    @Override
    protected void onDatagram(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress client = packet.sender();
        ByteBuf frame = packet.content();
        Allocation allocation = allocations.get(client);
        if (allocation == null) {
            protocol.onFrame(new DatagramClientLink(allocations, (DatagramChannel) ctx.channel(), client), frame);
        } else if (allocation.eventLoop().inEventLoop()) {
            onAllocated(allocation, frame);
        } else {
            allocation.eventLoop().execute(() -> onAllocated(allocation, frame));
        }
    }

    /** Saves the lookup and the link object for the common case: traffic of a client that holds an allocation. */
    private void onAllocated(Allocation allocation, ByteBuf frame) {
        if (ChannelData.looksLikeChannelData(frame)) {
            protocol.onChannelData(allocation, frame);
        } else {
            protocol.onStun(allocation.link(), frame);
        }
    }
}
