package dev.punchline.ice.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.AttributeKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The production binding: two Links on real event loops ({@link LinkScheduler#of}), each path a pair of UDP
 * sockets on the loopback interface bound on the Link's own event loop. The session starts on the path
 * marked RELAY, confirms the DIRECT one, moves there, and delivers every packet exactly once.
 */
class LinkOverUdpTest {
    private final EventLoopGroup group = new NioEventLoopGroup(2);

    @AfterEach
    void shutDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void startsOnTheRelayMovesToDirectAndDeliversEverythingOnce() throws Exception {
        Side a = new Side(group.next());
        Side b = new Side(group.next());
        Channel[] relay = {a.bind(), b.bind()};
        Channel[] direct = {a.bind(), b.bind()};
        a.join(PathKind.RELAY, relay[0], relay[1]);
        b.join(PathKind.RELAY, relay[1], relay[0]);
        a.join(PathKind.DIRECT, direct[0], direct[1]);
        b.join(PathKind.DIRECT, direct[1], direct[0]);

        // Real time on a shared machine: the order of packets across the switch depends on scheduling
        // delays no hold can bound, so this checks the binding — timers fire, the switch happens, every
        // packet arrives exactly once — and leaves order across a switch to the virtual-clock tests.
        a.sendNumbered(1, 200);
        waitFor(() -> a.onDirect() && b.onDirect());
        a.sendNumbered(201, 400);
        waitFor(() -> b.distinct() == 400);
        assertEquals(400, b.distinct(), () -> b.link.statistics().toString());
        assertEquals(0, b.twice.get());
        assertEquals(List.of(PathKind.RELAY, PathKind.DIRECT), a.changeKinds());
        assertEquals(List.of(PathKind.RELAY, PathKind.DIRECT), b.changeKinds());
        a.loop.submit(a.link::close).sync();
        b.loop.submit(b.link::close).sync();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** One peer: a Link confined to one event loop, and the sockets of its paths registered on that loop. */
    private static final class Side {
        final EventLoop loop;
        final Link link;
        final Set<Long> seen = ConcurrentHashMap.newKeySet();
        final AtomicLong twice = new AtomicLong();
        final List<PathChange> changes = new CopyOnWriteArrayList<>();

        Side(EventLoop loop) {
            this.loop = loop;
            this.link = Link.builder().scheduler(LinkScheduler.of(loop)).listener(new LinkListener() {
                @Override
                public void onData(ByteBuf payload) {
                    if (!seen.add(payload.readLong())) {
                        twice.incrementAndGet();
                    }
                    payload.release();
                }

                @Override
                public void onPathChange(PathChange change) {
                    changes.add(change);
                }
            }).build();
        }

        Channel bind() throws InterruptedException {
            return new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                            PathHandle handle = ctx.channel().attr(HANDLE).get();
                            if (handle != null) {
                                handle.receive(packet.content().retain());
                            }
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        }

        void join(PathKind kind, Channel local, Channel remote) throws Exception {
            InetSocketAddress to = (InetSocketAddress) remote.localAddress();
            LinkPath path = new TestPath(kind + "->" + to.getPort(), kind,
                    d -> local.writeAndFlush(new DatagramPacket(d, to), local.voidPromise()));
            loop.submit(() -> local.attr(HANDLE).set(link.addPath(path))).sync();
        }

        void sendNumbered(long from, long to) throws InterruptedException {
            for (long i = from; i <= to; i++) {
                long value = i;
                loop.execute(() -> {
                    ByteBuf p = PooledByteBufAllocator.DEFAULT.ioBuffer(LinkFrame.HEADER_LENGTH + Long.BYTES);
                    p.writerIndex(LinkFrame.HEADER_LENGTH).readerIndex(LinkFrame.HEADER_LENGTH).writeLong(value);
                    link.send(p);
                });
                Thread.sleep(1);
            }
        }

        boolean onDirect() {
            return changes.size() > 1 && changes.get(changes.size() - 1).to().kind() == PathKind.DIRECT;
        }

        long distinct() {
            return seen.size();
        }

        List<PathKind> changeKinds() {
            return changes.stream().map(c -> c.to().kind()).toList();
        }
    }

    private static final AttributeKey<PathHandle> HANDLE = AttributeKey.valueOf("linkPath");
}
