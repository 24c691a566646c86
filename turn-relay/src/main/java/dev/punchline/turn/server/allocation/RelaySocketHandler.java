package dev.punchline.turn.server.allocation;

import dev.punchline.turn.server.metrics.TurnServerMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;

/** The relay socket's only handler: datagrams from peers go to the allocation. */
final class RelaySocketHandler extends DatagramHandler {

    private final Allocation allocation;

    RelaySocketHandler(Allocation allocation, TurnServerMetrics metrics) {
        super(metrics);
        this.allocation = allocation;
    }

    @Override
    protected void onDatagram(ChannelHandlerContext ctx, DatagramPacket packet) {
        allocation.fromPeer(packet.sender(), packet.content());
    }
}
