package dev.punchline.bench.load;

import dev.punchline.turn.client.TurnClient;
import dev.punchline.turn.client.TurnClientConfig;
import dev.punchline.turn.wire.ChannelData;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The load generator: a few event-loop threads (epoll where Netty's native transport loads) that own every client
 * and peer socket, send pre-built ChannelData frames at a paced rate and echo them back. Only ever binds and sends to
 * 127.0.0.1.
 */
public final class LoadGenerator implements AutoCloseable {

    /** Setups in flight at once: enough to hide round trips, few enough not to look like a flood to a relay. */
    private static final int CONCURRENT_SETUPS = 32;
    /** Room for a burst on either side of the generator's sockets, so any loss measured is the relay's. */
    private static final int SOCKET_BUFFER = 1 << 20;
    /** The largest datagram the generator handles: a ChannelData header and the largest --payload, with room. */
    private static final int MAX_DATAGRAM = 2048;
    /** Datagrams one recvmmsg call may return; 16 slots of 2 KiB stay within Netty's per-thread buffer cache. */
    private static final int DATAGRAMS_PER_READ = 16;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup group;
    private final List<EventLoop> loops = new ArrayList<>();

    public LoadGenerator(int threads) {
        DefaultThreadFactory factory = new DefaultThreadFactory("bench-load", true);
        group = epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
        for (int i = 0; i < threads; i++) {
            loops.add((EventLoop) group.next());
        }
    }

    public String describe() {
        return loops.size() + " event loop" + (loops.size() == 1 ? "" : "s") + ", " + (epoll ? "epoll" : "NIO");
    }

    /** Baseline sessions: each client socket talks straight to its echoing peer socket, no relay between. */
    public SessionSet direct(int sessions, int payloadBytes) throws InterruptedException {
        return open(sessions, (session, loop) -> {
            Channel peer = bind(loop, EchoHandler.INSTANCE);
            Channel client = connect(loop, new ClientHandler(session), (InetSocketAddress) peer.localAddress());
            session.attach(client, peer, null);
            session.frames(ChannelData.MIN_CHANNEL, payloadBytes);
            return completable(peer.connect(client.localAddress()));
        });
    }

    /** Sessions through {@code server}: one allocation per client socket, its channel bound to an echoing peer. */
    public SessionSet relayed(int sessions, int payloadBytes, TurnEndpoint server) throws InterruptedException {
        return open(sessions, (session, loop) -> {
            Channel peer = bind(loop, EchoHandler.INSTANCE);
            Channel client = connect(loop, new ClientHandler(session), server.address());
            TurnClient turn = turnClient(server, client);
            session.attach(client, peer, turn);
            return turn.allocate().thenCompose(allocation -> allocation.bindChannel((InetSocketAddress) peer.localAddress())
                    .thenCompose(channel -> {
                        session.frames(channel, payloadBytes);
                        return completable(peer.connect(allocation.relayedAddress()));
                    }));
        });
    }

    /**
     * Allocations that carry no traffic, each with its channel bound to {@code peer}, as many sessions of a real
     * deployment sit between calls: what they cost a relay is its memory.
     */
    public SessionSet idle(int allocations, TurnEndpoint server, InetSocketAddress peer) throws InterruptedException {
        return open(allocations, (session, loop) -> {
            Channel client = connect(loop, new ClientHandler(session), server.address());
            TurnClient turn = turnClient(server, client);
            session.attach(client, null, turn);
            return turn.allocate().thenCompose(allocation -> allocation.bindChannel(peer));
        });
    }

    /** A socket that receives and drops whatever comes: a peer address for idle allocations. */
    public Channel sink() throws InterruptedException {
        return bind(loops.get(0), new ChannelInboundHandlerAdapter());
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Makes {@code count} sessions, round robin over the loops, running at most {@link #CONCURRENT_SETUPS} setups at
     * a time; on any failure every socket made so far is closed and the first failure is thrown.
     */
    private SessionSet open(int count, SetUp setUp) throws InterruptedException {
        List<LoopShare> shares = new ArrayList<>();
        loops.forEach(loop -> shares.add(new LoopShare(loop)));
        Semaphore inFlight = new Semaphore(CONCURRENT_SETUPS);
        List<CompletableFuture<?>> setups = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                LoopShare share = shares.get(i % shares.size());
                Session session = new Session(share);
                share.add(session);
                inFlight.acquire();
                CompletableFuture<?> setup = setUp.open(session, share.loop());
                setup.whenComplete((done, failure) -> inFlight.release());
                setups.add(setup);
            }
            CompletableFuture.allOf(setups.toArray(CompletableFuture[]::new)).get();
            return new SessionSet(shares);
        } catch (ExecutionException e) {
            new SessionSet(shares).close();
            throw new IllegalStateException("session setup failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException | RuntimeException e) {
            new SessionSet(shares).close();
            throw e;
        }
    }

    private Channel bind(EventLoop loop, ChannelHandler handler) throws InterruptedException {
        return bootstrap(loop, handler).bind(LOOPBACK, 0).sync().channel();
    }

    private Channel connect(EventLoop loop, ChannelHandler handler, InetSocketAddress remote)
            throws InterruptedException {
        return bootstrap(loop, handler).connect(remote, new InetSocketAddress(LOOPBACK, 0)).sync().channel();
    }

    /** The project's TURN client over the session's socket, on the socket's loop. */
    private static TurnClient turnClient(TurnEndpoint server, Channel socket) {
        TurnClientConfig config = TurnClientConfig.builder(server.address())
                .credentials(server.user(), server.password())
                .build();
        return TurnClient.overTransport(config, new SocketTransport(socket), socket.eventLoop());
    }

    private Bootstrap bootstrap(EventLoop loop, ChannelHandler handler) {
        Bootstrap bootstrap = new Bootstrap().group(loop).handler(handler)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .option(ChannelOption.AUTO_CLOSE, false);
        if (!epoll) {
            return bootstrap.channel(NioDatagramChannel.class);
        }
        // recvmmsg: one system call takes a whole burst, each datagram in a slot of the read buffer.
        return bootstrap.channel(EpollDatagramChannel.class)
                .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM * DATAGRAMS_PER_READ));
    }

    private static CompletableFuture<Void> completable(ChannelFuture future) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        future.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(null);
            } else {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    /** Opens one session's sockets and starts whatever setup it needs; the future completes when it can carry load. */
    private interface SetUp {
        CompletableFuture<?> open(Session session, EventLoop loop) throws InterruptedException;
    }
}
