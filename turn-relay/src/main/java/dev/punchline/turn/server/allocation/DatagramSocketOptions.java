package dev.punchline.turn.server.allocation;

import io.netty.channel.epoll.EpollChannelOption;
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

    /** Datagrams epoll takes from a socket per read event (Netty's default for datagram channels). */
    private static final int EPOLL_DATAGRAMS_PER_READ = 16;

    /**
     * Epoll reads a socket until it is empty, up to {@link #EPOLL_DATAGRAMS_PER_READ} datagrams, in one recvmmsg call
     * into a buffer with a whole {@link #MAX_DATAGRAM} slot for each (a slot any smaller would truncate the datagrams
     * that do not fit), then hands them to the pipeline. One recvmsg per datagram, plus the one that finds the socket
     * empty, was 1.35 receive calls per relayed packet at 80,000 packets/s; the 1 MiB this costs per event loop is
     * paid once. (FixedRecvByteBufAllocator, used before round 1, left the limit at 1: each datagram was a read event
     * of its own, with a task to read again.)
     */
    private static final LoopReceiveBuffer EPOLL_RECEIVE =
            new LoopReceiveBuffer(EPOLL_DATAGRAMS_PER_READ, EPOLL_DATAGRAMS_PER_READ);

    /**
     * NIO reads the whole burst before handing any of it on, so every read after the first would find the loop's
     * buffer still held and take one of its own: one datagram per read event keeps NIO on the shared buffer.
     */
    private static final LoopReceiveBuffer NIO_RECEIVE = new LoopReceiveBuffer(1, 1);

    private DatagramSocketOptions() {
    }

    public static void apply(DatagramChannel channel) {
        if (channel instanceof EpollDatagramChannel) {
            channel.config().setOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM);
        }
        channel.config()
                .setRecvByteBufAllocator(channel instanceof EpollDatagramChannel ? EPOLL_RECEIVE : NIO_RECEIVE)
                // A failed send to one peer must never close the socket the whole allocation depends on.
                .setAutoClose(false)
                .setReceiveBufferSize(SOCKET_BUFFER)
                .setSendBufferSize(SOCKET_BUFFER);
    }
}
