package dev.punchline.turn.server.allocation;

import io.netty.channel.epoll.EpollDatagramChannel;
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

    /**
     * Epoll reads a socket until it is empty, up to this many datagrams (Netty's default for datagram channels), and
     * hands each to the pipeline as soon as it is read, so the loop's receive buffer serves them all, and what a burst
     * wrote leaves in one sendmmsg at the end. (FixedRecvByteBufAllocator, used before, left the limit at 1: each
     * datagram was a read event of its own, with a task to read again and a flush of its own.)
     */
    private static final LoopReceiveBuffer EPOLL_RECEIVE = new LoopReceiveBuffer(16);

    /**
     * NIO reads the whole burst before handing any of it on, so every read after the first would find the loop's
     * buffer still held and take one of its own: one datagram per read event keeps NIO on the shared buffer.
     */
    private static final LoopReceiveBuffer NIO_RECEIVE = new LoopReceiveBuffer(1);

    private DatagramSocketOptions() {
    }

    public static void apply(DatagramChannel channel) {
        channel.config()
                .setRecvByteBufAllocator(channel instanceof EpollDatagramChannel ? EPOLL_RECEIVE : NIO_RECEIVE)
                // A failed send to one peer must never close the socket the whole allocation depends on.
                .setAutoClose(false)
                .setReceiveBufferSize(SOCKET_BUFFER)
                .setSendBufferSize(SOCKET_BUFFER);
    }
}
