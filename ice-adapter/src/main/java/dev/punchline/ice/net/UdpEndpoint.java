package dev.punchline.ice.net;

import dev.punchline.turn.client.TurnAllocation;
import dev.punchline.turn.client.TurnClient;
import dev.punchline.turn.client.TurnClientConfig;
import dev.punchline.turn.client.TurnTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One UDP socket of Punchline's data plane: a Netty channel (native epoll where available, NIO otherwise)
 * bound to a concrete local address, with the {@link Demultiplexer} that routes everything it receives.
 * Several sessions may share it (each registers its routes); its owner closes it. Datagrams up to 64 KB are
 * received whole.
 *
 * <p>{@link #send} never blocks and never queues without bound: when the channel's outbound queue is full, or
 * the socket is closed, the datagram is dropped and counted ({@link #sendDrops()}). Failures the socket reports
 * are counted in {@link #socketErrors()}; the kernel's own receive drops in {@link #socketReceiveDrops()}.
 */
public final class UdpEndpoint implements DatagramSender, AutoCloseable {
    /** The largest UDP payload there is: Netty's 2048-byte default would cut longer datagrams silently. */
    static final int MAX_DATAGRAM = 65_536;

    private final DatagramChannel channel;
    private final EventLoopGroup ownedGroup;
    private final Thread ownThread;
    private final InetSocketAddress local;
    private final Demultiplexer demux;
    private final SocketDrops socketDrops;
    private final LongAdder sendDrops = new LongAdder();
    private final LongAdder socketErrors;

    private UdpEndpoint(DatagramChannel channel, EventLoopGroup ownedGroup, Thread ownThread, Demultiplexer demux,
                        SocketDrops socketDrops, LongAdder socketErrors) {
        this.channel = channel;
        this.ownedGroup = ownedGroup;
        this.ownThread = ownThread;
        this.local = demux.direct().local();
        this.demux = demux;
        this.socketDrops = socketDrops;
        this.socketErrors = socketErrors;
    }

    /** Binds a socket as {@code config} says; blocks until bound. */
    public static UdpEndpoint open(UdpEndpointConfig config) throws IOException {
        boolean epoll = config.group() != null
                ? !(config.group().next() instanceof NioEventLoop)
                : config.allowEpoll() && Epoll.isAvailable();
        EventLoopGroup owned = config.group() == null ? newGroup(epoll) : null;
        EventLoopGroup group = config.group() != null ? config.group() : owned;
        InternetProtocolFamily family = config.local().getAddress() instanceof Inet6Address
                ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4;
        ChannelFactory<DatagramChannel> channels = () -> epoll
                ? new EpollDatagramChannel(family) : new NioDatagramChannel(family);
        // Reading starts once the demultiplexer, which needs the bound address, is in the pipeline.
        ChannelFuture bind = new Bootstrap()
                .group(group)
                .channelFactory(channels)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.SO_RCVBUF, config.receiveBufferBytes())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.sendQueueBytes() / 2, config.sendQueueBytes()))
                .handler(new ChannelInboundHandlerAdapter())
                .bind(config.local())
                .awaitUninterruptibly();
        if (!bind.isSuccess()) {
            bind.channel().close().awaitUninterruptibly();
            if (owned != null) {
                owned.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
            }
            throw new IOException("cannot bind UDP to " + config.local() + ": " + bind.cause(), bind.cause());
        }
        DatagramChannel channel = (DatagramChannel) bind.channel();
        Demultiplexer demux = new Demultiplexer(channel.localAddress());
        LongAdder socketErrors = new LongAdder();
        // This thread created the socket, so it is in the socket's network namespace (see SocketDrops).
        SocketDrops drops = SocketDrops.open(demux.direct().local());
        Thread ownThread = null;
        if (owned != null) {
            // Named once the port is known: a thread dump then says which socket a thread serves.
            String name = "punchline-udp-" + demux.direct().local().getPort();
            ownThread = channel.eventLoop().submit(() -> {
                Thread.currentThread().setName(name);
                return Thread.currentThread();
            }).syncUninterruptibly().getNow();
        }
        channel.pipeline().addLast(new InboundDatagrams(demux, socketErrors));
        channel.config().setAutoRead(true);
        return new UdpEndpoint(channel, owned, ownThread, demux, drops, socketErrors);
    }

    /** The concrete address and port the socket is bound to. */
    public InetSocketAddress localAddress() {
        return local;
    }

    public Demultiplexer demultiplexer() {
        return demux;
    }

    /** Whether the socket runs on native epoll (else NIO). */
    public boolean isEpoll() {
        return channel instanceof EpollDatagramChannel;
    }

    /** The receive buffer the kernel granted (Linux reports twice the request, its bookkeeping included). */
    public int receiveBufferBytes() {
        return channel.config().getReceiveBufferSize();
    }

    /** The event loop the socket runs on: use it as the TURN client's executor to avoid thread hops. */
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    /** Sends {@code datagram} to {@code to}; takes over the reference (see {@link DatagramSender}). */
    @Override
    public void send(ByteBuf datagram, InetSocketAddress to) {
        if (!channel.isActive() || !channel.isWritable()) {
            datagram.release();
            sendDrops.increment();
            return;
        }
        channel.writeAndFlush(new DatagramPacket(datagram, to), channel.voidPromise());
    }

    /**
     * A TURN client for {@code config.server()} over this socket: registered with the demultiplexer (its
     * relayed payloads are routed again, marked as relayed) until the allocation is closed, run on this
     * socket's event loop. Do not replace the allocation's data listener: that would take relayed payloads
     * away from the demultiplexer. The allocation's close deletes it on the server and unregisters it here;
     * the socket stays open. One allocation per server and socket (a TURN server keys allocations on the
     * client's address and port): a second for the same server throws IllegalStateException.
     */
    public CompletableFuture<TurnAllocation> allocate(TurnClientConfig config) {
        InetSocketAddress server = config.server();
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("TURN server " + server + " is unresolved: its datagrams are"
                    + " recognised by their source address, so resolve it first");
        }
        TurnRoute[] route = new TurnRoute[1];
        TurnTransport transport = new UdpTurnTransport(this, server, () -> route[0].close());
        TurnClient client = TurnClient.overTransport(config, transport, eventLoop());
        route[0] = demux.addTurnServer(server, client);
        return client.allocate().whenComplete((allocation, error) -> {
            if (error != null) {
                client.closeAsync();
            } else {
                allocation.onData(route[0].dataListener());
            }
        });
    }

    /** Datagrams {@link #send} dropped: socket closed, or outbound queue full. */
    public long sendDrops() {
        return sendDrops.sum();
    }

    /** Errors the socket reported (failed sends: unreachable network, wrong address family...). */
    public long socketErrors() {
        return socketErrors.sum();
    }

    /**
     * Datagrams the kernel dropped on this socket, mostly for a full receive buffer (a stall of the event
     * loop): counted apart from loss on the path. Empty where the kernel does not tell (not Linux).
     */
    public OptionalLong socketReceiveDrops() {
        return socketDrops.read();
    }

    /**
     * Closes the socket (TURN clients over it learn that their transport closed) and, if the endpoint has a
     * thread of its own, waits until it ends. Idempotent. From the endpoint's own event loop it does not wait.
     */
    @Override
    public void close() {
        boolean onLoop = channel.eventLoop().inEventLoop();
        ChannelFuture closed = channel.close();
        if (!onLoop) {
            closed.awaitUninterruptibly();
        }
        socketDrops.close();
        if (ownedGroup != null) {
            ownedGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            if (!onLoop) {
                joinUninterruptibly(ownThread);
            }
        }
    }

    @Override
    public String toString() {
        return "UdpEndpoint[" + local + (isEpoll() ? ", epoll]" : ", nio]");
    }

    DatagramChannel channel() {
        return channel;
    }

    /** Netty's termination future completes a moment before its thread ends: wait for the thread itself. */
    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static EventLoopGroup newGroup(boolean epoll) {
        // Daemon: an endpoint somebody forgot to close must not keep the JVM alive.
        DefaultThreadFactory threads = new DefaultThreadFactory("punchline-udp", true);
        return epoll ? new EpollEventLoopGroup(1, threads) : new NioEventLoopGroup(1, threads);
    }
}
