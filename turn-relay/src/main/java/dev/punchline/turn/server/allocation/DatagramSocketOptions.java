package dev.punchline.turn.server.allocation;

import io.netty.channel.socket.DatagramChannel;

/** Options every UDP socket of the server gets, listener or relay. */
public final class DatagramSocketOptions {

    /**
     * Netty's default 2048-byte datagram buffer silently truncates anything larger; a relay must pass whatever UDP can
     * carry (loopback and jumbo-frame links carry more than 1500 bytes), so receive buffers fit the largest datagram.
     */
    static final int MAX_DATAGRAM = 65_536;

    /** Enough buffered to ride out a scheduling hiccup at line rate without adding bufferbloat. */
    private static final int SOCKET_BUFFER = 1 << 20;

    /** Holds no state per socket (the buffers are per loop), so every socket shares it. */
    private static final LoopReceiveBuffer RECEIVE_BUFFERS = new LoopReceiveBuffer();

    private DatagramSocketOptions() {
    }

    public static void apply(DatagramChannel channel) {
        channel.config()
                .setRecvByteBufAllocator(RECEIVE_BUFFERS)
                // A failed send to one peer must never close the socket the whole allocation depends on.
                .setAutoClose(false)
                .setReceiveBufferSize(SOCKET_BUFFER)
                .setSendBufferSize(SOCKET_BUFFER);
    }
}
