package dev.punchline.turn.server.transport;

import dev.punchline.turn.server.Transport;
import dev.punchline.turn.server.allocation.Allocation;
import dev.punchline.turn.server.allocation.ClientLink;
import dev.punchline.turn.server.allocation.FlushBatch;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;

/**
 * A TCP or TLS client: the connection is the 5-tuple, so it holds at most one allocation, in a plain field. While it
 * holds none, its {@link AllocationDeadline} runs.
 */
final class StreamClientLink implements ClientLink {

    private final Channel channel;
    private final Transport transport;
    /** Kept, because a closed channel forgets its remote address and the deletion log line still wants it. */
    private final InetSocketAddress client;
    private final AllocationDeadline deadline;
    private Allocation allocation;

    StreamClientLink(Channel channel, Transport transport, AllocationDeadline deadline) {
        this.channel = channel;
        this.transport = transport;
        this.client = (InetSocketAddress) channel.remoteAddress();
        this.deadline = deadline;
        deadline.start();
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
        return transport;
    }

    @Override
    public Allocation allocation() {
        return allocation;
    }

    @Override
    public void attach(Allocation allocation) {
        this.allocation = allocation;
        deadline.cancel();
    }

    @Override
    public void detach(Allocation allocation) {
        if (this.allocation == allocation) {
            this.allocation = null;
            deadline.start();
        }
    }

    @Override
    public boolean padsChannelData() {
        return true;
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void write(ByteBuf frame) {
        channel.write(frame, channel.voidPromise());
        FlushBatch.add(channel);
    }

    @Override
    public void writeAndFlush(ByteBuf frame) {
        channel.writeAndFlush(frame, channel.voidPromise());
    }
}
