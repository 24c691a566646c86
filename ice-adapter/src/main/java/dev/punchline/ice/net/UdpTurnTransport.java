package dev.punchline.ice.net;

import dev.punchline.turn.client.TurnTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;

/** The way to one TURN server over a {@link UdpEndpoint} the TURN client does not own. */
final class UdpTurnTransport implements TurnTransport {
    private final UdpEndpoint endpoint;
    private final InetSocketAddress server;
    private final Runnable onClose;

    UdpTurnTransport(UdpEndpoint endpoint, InetSocketAddress server, Runnable onClose) {
        this.endpoint = endpoint;
        this.server = server;
        this.onClose = onClose;
    }

    @Override
    public void send(ByteBuf frame) {
        endpoint.send(frame, server);
    }

    @Override
    public boolean isStream() {
        return false;
    }

    @Override
    public ByteBufAllocator alloc() {
        return endpoint.alloc();
    }

    /** The client is done: stop routing the server's frames to it. The socket is not the client's to close. */
    @Override
    public void close() {
        onClose.run();
    }
}
