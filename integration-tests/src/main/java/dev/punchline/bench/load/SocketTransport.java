package dev.punchline.bench.load;

import dev.punchline.turn.client.TurnTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;

/**
 * A session's client socket as the TURN client's way out. The generator owns the socket and feeds the client what
 * it receives; the client only writes its requests here.
 */
final class SocketTransport implements TurnTransport {

    private final Channel channel;

    SocketTransport(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void send(ByteBuf frame) {
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    @Override
    public boolean isStream() {
        return false;
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    /** The session closes the socket itself, after the client has deleted its allocation. */
    @Override
    public void close() {
        // Nothing to release here.
    }
}
