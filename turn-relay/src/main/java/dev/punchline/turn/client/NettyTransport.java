package dev.punchline.turn.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;

/** A transport over a Netty channel the client owns: a connected UDP socket, or a TCP/TLS connection. */
final class NettyTransport implements TurnTransport {
    private final Channel channel;
    private final boolean stream;

    NettyTransport(Channel channel, boolean stream) {
        this.channel = channel;
        this.stream = stream;
    }

    @Override
    public void send(ByteBuf frame) {
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    @Override
    public boolean isStream() {
        return stream;
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return channel.toString();
    }
}
