package dev.punchline.turn.server.transport;

import dev.punchline.turn.server.Transport;
import dev.punchline.turn.server.allocation.Allocation;
import dev.punchline.turn.server.allocation.ClientLink;
import dev.punchline.turn.server.allocation.FlushBatch;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentMap;

/** A UDP client: one of the listener's sockets plus the client's address; allocations are keyed by that address. */
final class DatagramClientLink implements ClientLink {

    private final ConcurrentMap<InetSocketAddress, Allocation> allocations;
    private final DatagramChannel channel;
    private final InetSocketAddress client;

    DatagramClientLink(ConcurrentMap<InetSocketAddress, Allocation> allocations, DatagramChannel channel,
                       InetSocketAddress client) {
        this.allocations = allocations;
        this.channel = channel;
        this.client = client;
    }

    @Override
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    @Override
    public InetSocketAddress clientAddress() {
        return client;
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public Allocation allocation() {
        return allocations.get(client);
    }

    @Override
    public void attach(Allocation allocation) {
        allocations.put(client, allocation);
    }

    @Override
    public void detach(Allocation allocation) {
        allocations.remove(client, allocation);
    }

    @Override
    public boolean padsChannelData() {
        return false;
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void write(ByteBuf frame) {
        channel.write(new DatagramPacket(frame, client), channel.voidPromise());
        FlushBatch.add(channel);
    }

    @Override
    public void writeAndFlush(ByteBuf frame) {
        channel.writeAndFlush(new DatagramPacket(frame, client), channel.voidPromise());
    }
}
