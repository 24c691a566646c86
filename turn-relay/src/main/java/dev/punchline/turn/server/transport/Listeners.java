package dev.punchline.turn.server.transport;

import dev.punchline.turn.server.ListenAddress;
import dev.punchline.turn.server.Transport;
import dev.punchline.turn.server.TurnServerConfig;
import dev.punchline.turn.server.allocation.Allocation;
import dev.punchline.turn.server.allocation.DatagramSocketOptions;
import dev.punchline.turn.server.metrics.ConnectionCloseReason;
import dev.punchline.turn.server.metrics.DropReason;
import dev.punchline.turn.server.metrics.PrometheusHandler;
import dev.punchline.turn.server.metrics.TurnServerMetrics;
import dev.punchline.turn.server.protocol.TurnProtocol;
import dev.punchline.turn.wire.StunStreamFrameDecoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Opens the server's listening sockets on its event loops; every failure names the listener it concerns. */
public final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    /** The metrics endpoint answers scrapes, which are small; this bounds what a stray client can make us buffer. */
    private static final int MAX_HTTP_REQUEST = 8192;

    private final NativeTransport transport;
    private final EventLoopGroup group;
    private final TurnProtocol protocol;
    private final TurnServerMetrics metrics;
    private final TurnServerConfig config;
    private final ConnectionAdmission admission;
    private final LocalAddresses localAddresses;
    private final List<Channel> channels = new ArrayList<>();
    private final Set<InetSocketAddress> boundUdp = new HashSet<>();

    public Listeners(NativeTransport transport, EventLoopGroup group, TurnProtocol protocol, TurnServerMetrics metrics,
                     TurnServerConfig config, LocalAddresses localAddresses) {
        this.transport = transport;
        this.group = group;
        this.protocol = protocol;
        this.metrics = metrics;
        this.config = config;
        this.localAddresses = localAddresses;
        this.admission = new ConnectionAdmission(config.maxConnections(), config.maxConnectionsPerIp(), metrics);
    }

    /**
     * Binds one listener and returns the addresses it got (the port filled in when 0 was asked for). UDP gets one socket
     * per event loop on the same port where SO_REUSEPORT exists, so the kernel spreads clients over the loops; a wildcard
     * UDP listener becomes one such listener per local address (see {@link LocalAddresses}).
     */
    public List<ListenAddress> bind(ListenAddress listen, SslContext tls) throws IOException {
        try {
            if (listen.transport() != Transport.UDP) {
                return List.of(new ListenAddress(listen.transport(), bindStream(listen, tls)));
            }
            if (!listen.address().getAddress().isAnyLocalAddress()) {
                return List.of(ListenAddress.udp(bindUdp(listen.address())));
            }
            return bindUdpPerAddress(listen);
        } catch (IOException e) {
            throw new IOException("cannot listen on " + listen + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every local address on the wildcard's port, as the interfaces are now. An address an earlier listener holds on that
     * port is skipped, so that {@code 0.0.0.0} and {@code [::]} (dual-stack) on one port both work.
     */
    private List<ListenAddress> bindUdpPerAddress(ListenAddress listen) throws IOException {
        List<ListenAddress> bound = new ArrayList<>();
        int port = listen.address().getPort();
        for (InetAddress address : localAddresses.expand(listen.address().getAddress())) {
            InetSocketAddress target = new InetSocketAddress(address, port);
            if (port != 0 && boundUdp.contains(target)) {
                continue;
            }
            InetSocketAddress got = bindUdp(target);
            port = got.getPort();
            bound.add(ListenAddress.udp(got));
        }
        if (bound.isEmpty()) {
            throw new IOException("no local address to listen on");
        }
        LOG.info("{} listens on each local address, so that replies leave from the address a client sent to: {}"
                + " (addresses added later are served after a restart)", listen,
                bound.stream().map(ListenAddress::address).map(a -> a.getAddress().getHostAddress()).toList());
        return bound;
    }

    /**
     * Serves Prometheus text at /metrics; returns the bound address. A connection that sends no request for the
     * unallocated-connection timeout is closed, as a TURN connection without an allocation would be: a scraper reconnects
     * for free, and an idle connection must not be a way to hold sockets.
     */
    public InetSocketAddress bindMetrics(InetSocketAddress address) throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverSocketChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(
                                        config.unallocatedConnectionTimeout().toNanos(), TimeUnit.NANOSECONDS),
                                new HttpServerCodec(), new HttpObjectAggregator(MAX_HTTP_REQUEST),
                                new PrometheusHandler(metrics));
                    }
                });
        try {
            return (InetSocketAddress) register(bootstrap.bind(address)).localAddress();
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + address.getHostString() + ":" + address.getPort()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Every channel opened so far, to be closed on shutdown. */
    public List<Channel> channels() {
        return channels;
    }

    private InetSocketAddress bindUdp(InetSocketAddress address) throws IOException {
        ConcurrentMap<InetSocketAddress, Allocation> allocations = new ConcurrentHashMap<>();
        ChannelHandler handler = new UdpListenerHandler(allocations, protocol, metrics);
        if (!transport.supportsReusePort()) {
            InetSocketAddress bound = bindDatagram(group.next(), address, handler, false);
            boundUdp.add(bound);
            return bound;
        }
        // SO_REUSEPORT would let us join a group another process of this user already holds and steal part of its
        // traffic; a plain bind first proves the port free (and picks it when 0 was asked for).
        InetSocketAddress target = new InetSocketAddress(address.getAddress(), probeUdp(address));
        for (EventExecutor executor : group) {
            bindDatagram((EventLoop) executor, target, handler, true);
        }
        boundUdp.add(target);
        return target;
    }

    private static int probeUdp(InetSocketAddress address) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(null)) {
            probe.setReuseAddress(false);
            probe.bind(address);
            return probe.getLocalPort();
        } catch (SocketException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private InetSocketAddress bindDatagram(EventLoop loop, InetSocketAddress address, ChannelHandler handler,
                                           boolean reusePort) throws IOException {
        DatagramChannel channel = transport.newDatagramChannel(address.getAddress());
        DatagramSocketOptions.apply(channel);
        if (reusePort) {
            transport.enableReusePort(channel);
        }
        channel.pipeline().addLast(handler);
        register(loop.register(channel));
        return (InetSocketAddress) register(channel.bind(address)).localAddress();
    }

    private InetSocketAddress bindStream(ListenAddress listen, SslContext tls) throws IOException {
        Transport kind = listen.transport();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverSocketChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (!admission.admit(ch)) {
                            ch.close();
                            return;
                        }
                        if (kind == Transport.TLS) {
                            SslHandler handshake = tls.newHandler(ch.alloc());
                            handshake.setHandshakeTimeoutMillis(config.tlsHandshakeTimeout().toMillis());
                            ch.pipeline().addLast(handshake);
                        }
                        ch.pipeline().addLast(new StunStreamFrameDecoder(() -> {
                            metrics.drop(DropReason.MALFORMED);
                            metrics.connectionClosed(ConnectionCloseReason.MALFORMED);
                        }), new StreamClientHandler(protocol, kind, config.unallocatedConnectionTimeout(), metrics));
                    }
                });
        return (InetSocketAddress) register(bootstrap.bind(listen.address())).localAddress();
    }

    /** Waits for a registration or bind (from the starting thread, never a loop) and keeps the channel for close. */
    private Channel register(ChannelFuture future) throws IOException {
        future.awaitUninterruptibly();
        if (!future.isSuccess()) {
            future.channel().close();
            Throwable cause = future.cause();
            throw new IOException(cause.getMessage() != null ? cause.getMessage() : cause.toString(), cause);
        }
        if (!channels.contains(future.channel())) {
            channels.add(future.channel());
        }
        return future.channel();
    }
}
