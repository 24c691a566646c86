package dev.punchline.turn.server.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Native epoll where Netty's native library loads (Linux), NIO elsewhere. Epoll also brings SO_REUSEPORT, which lets
 * several event loops each own a socket on the same UDP port so the kernel spreads clients across cores.
 */
public enum NativeTransport {
    EPOLL, NIO;

    public static NativeTransport detect() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    public boolean supportsReusePort() {
        return this == EPOLL;
    }

    public EventLoopGroup newEventLoopGroup(int threads, String threadPrefix) {
        // Non-daemon: a relay process lives on its event loops; close() ends them.
        DefaultThreadFactory factory = new DefaultThreadFactory(threadPrefix, false);
        return this == EPOLL ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    /** An unregistered datagram channel of the given address's family. */
    public DatagramChannel newDatagramChannel(InetAddress forAddress) {
        InternetProtocolFamily family = forAddress instanceof Inet6Address
                ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4;
        if (this == EPOLL) {
            return new EpollDatagramChannel(family);
        }
        return new NioDatagramChannel(family);
    }

    /** Enables SO_REUSEPORT where this transport has it. */
    public void enableReusePort(DatagramChannel channel) {
        if (this == EPOLL) {
            channel.config().setOption(EpollChannelOption.SO_REUSEPORT, true);
        }
    }

    public Class<? extends ServerSocketChannel> serverSocketChannelClass() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
