package dev.punchline.ice.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.TransactionId;
import dev.punchline.turn.wire.Integrity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two real sockets on loopback. */
@ExtendWith(NoLeaks.class)
class UdpEndpointTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(LOOPBACK, 0);
    /** The largest UDP payload over IPv4: 65,535 minus the IP and UDP headers. */
    private static final int MAX_IPV4_PAYLOAD = 65_507;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void bindsAConcreteAddressAndSaysWhich() throws Exception {
        UdpEndpoint a = open(UdpEndpointConfig.of(ANY_PORT));
        assertEquals(LOOPBACK, a.localAddress().getAddress());
        assertTrue(a.localAddress().getPort() > 0);
        assertEquals(a.localAddress(), a.demultiplexer().direct().local());
        assertEquals(Epoll.isAvailable(), a.isEpoll());
        assertTrue(a.receiveBufferBytes() > 64 * 1024, "granted " + a.receiveBufferBytes());
    }

    @Test
    void refusesTheWildcardAndSaysWhatToDoInstead() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UdpEndpointConfig.of(new InetSocketAddress(0)));
        assertTrue(e.getMessage().contains("wildcard") && e.getMessage().contains("LocalAddresses"), e.getMessage());
        List<InetAddress> concrete = LocalAddresses.usable(InetAddress.getByName("0.0.0.0"), true);
        assertTrue(concrete.contains(LOOPBACK), concrete.toString());
        assertTrue(concrete.stream().noneMatch(InetAddress::isAnyLocalAddress));
        assertFalse(LocalAddresses.usable(InetAddress.getByName("0.0.0.0"), false).contains(LOOPBACK));
    }

    @Test
    void routesEveryClassArrivingOnTheSocket() throws Exception {
        UdpEndpoint a = open(UdpEndpointConfig.of(ANY_PORT));
        UdpEndpoint b = open(UdpEndpointConfig.of(ANY_PORT));
        Received agent = new Received("agent");
        Received link = new Received("link");
        Received media = new Received("media");
        Received dtls = new Received("dtls");
        Demultiplexer demux = a.demultiplexer();
        demux.addAgent("aaaa", agent);
        demux.addPeer(PacketClass.LINK_FRAME, b.localAddress(), link);
        demux.setFallback(PacketClass.RTP_RTCP, media);
        demux.addPeer(PacketClass.DTLS, b.localAddress(), dtls);

        b.send(Datagrams.check("aaaa:bbbb"), a.localAddress());
        b.send(Datagrams.linkFrame("frame"), a.localAddress());
        b.send(Datagrams.rtp("rtp"), a.localAddress());
        b.send(Datagrams.dtls("hello"), a.localAddress());
        b.send(Datagrams.withFirstByte(0xFF, "garbage"), a.localAddress());

        Received.Delivery check = agent.next();
        assertEquals(b.localAddress(), check.from());
        assertEquals(Via.direct(a.localAddress()), check.via());
        assertEquals("frame", link.next().body());
        assertEquals("rtp", media.next().body());
        assertEquals("hello", dtls.next().body());
        awaitCount(() -> demux.counters().received(), 5);
        assertEquals(1, demux.counters().dropped(DropReason.UNCLASSIFIED));
    }

    @Test
    void aResponseReachesTheStunFallbackAndARequestItsAgent() throws Exception {
        UdpEndpoint a = open(UdpEndpointConfig.of(ANY_PORT));
        UdpEndpoint b = open(UdpEndpointConfig.of(ANY_PORT));
        Received agentA = new Received("agent A");
        a.demultiplexer().setFallback(PacketClass.STUN, agentA);
        // B's agent answers every check it gets, as ice4j would.
        b.demultiplexer().addAgent("bbbb", (request, from, via) -> b.send(answer(request), from));

        TransactionId id = TransactionId.random();
        a.send(Datagrams.check("bbbb:aaaa", id), b.localAddress());

        Received.Delivery response = agentA.next();
        StunMessage m = StunMessage.decode(Unpooled.wrappedBuffer(response.bytes()));
        try {
            assertEquals(id, m.transactionId());
            assertEquals(StunClass.SUCCESS_RESPONSE, m.messageClass());
        } finally {
            m.release();
        }
    }

    @Test
    void theLargestDatagramArrivesWhole() throws Exception {
        UdpEndpoint a = open(UdpEndpointConfig.of(ANY_PORT));
        UdpEndpoint b = open(UdpEndpointConfig.of(ANY_PORT));
        Received link = new Received("link");
        a.demultiplexer().setFallback(PacketClass.LINK_FRAME, link);
        b.send(Datagrams.linkFrame("x".repeat(MAX_IPV4_PAYLOAD - 1)), a.localAddress());
        assertEquals(MAX_IPV4_PAYLOAD, link.next().bytes().length);
    }

    @Test
    void ipv6EndpointsRouteAndCountTheirDropsToo() throws Exception {
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 0);
        UdpEndpoint a = open(UdpEndpointConfig.of(v6));
        UdpEndpoint b = open(UdpEndpointConfig.of(v6));
        Received link = new Received("link");
        a.demultiplexer().addPeer(PacketClass.LINK_FRAME, b.localAddress(), link);
        b.send(Datagrams.linkFrame("over IPv6"), a.localAddress());
        Received.Delivery d = link.next();
        assertEquals("over IPv6", d.body());
        assertEquals(b.localAddress(), d.from());
        assertEquals(0, a.socketReceiveDrops().orElseThrow(), "the udp6 table has a row for the socket");
    }

    @Test
    void nioWhereEpollIsRefusedAndOnASharedGroup() throws Exception {
        NioEventLoopGroup shared = new NioEventLoopGroup(1);
        try {
            UdpEndpoint a = open(UdpEndpointConfig.of(ANY_PORT).withoutEpoll());
            UdpEndpoint b = open(UdpEndpointConfig.of(ANY_PORT).withGroup(shared));
            assertFalse(a.isEpoll());
            assertFalse(b.isEpoll());
            Received link = new Received("link");
            a.demultiplexer().setFallback(PacketClass.LINK_FRAME, link);
            b.send(Datagrams.linkFrame("over NIO"), a.localAddress());
            assertEquals("over NIO", link.next().body());
            b.close();
            assertFalse(shared.isShuttingDown(), "a shared group is not the endpoint's to shut down");
        } finally {
            closeAll();
            open.clear();
            shared.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void sendingOnAClosedSocketDropsAndReleases() throws Exception {
        UdpEndpoint a = open(UdpEndpointConfig.of(ANY_PORT));
        a.close();
        ByteBuf frame = Datagrams.linkFrame("too late");
        a.send(frame, a.localAddress());
        assertEquals(0, frame.refCnt());
        assertEquals(1, a.sendDrops());
    }

    @Test
    void aFullSendQueueDropsInsteadOfGrowing() throws Exception {
        UdpEndpoint a = open(UdpEndpointConfig.of(ANY_PORT).withSendQueue(4096));
        CountDownLatch release = new CountDownLatch(1);
        a.eventLoop().execute(() -> awaitQuietly(release));
        List<ByteBuf> frames = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ByteBuf frame = Datagrams.linkFrame("y".repeat(1000));
            frames.add(frame);
            a.send(frame, a.localAddress());
        }
        assertTrue(a.sendDrops() > 0, "nothing dropped with a 4 KB queue and 100 KB sent");
        release.countDown();
        awaitCount(() -> frames.stream().filter(f -> f.refCnt() == 0).count(), frames.size());
    }

    @Test
    void receiveBufferOverflowsAreCountedApartFromLossOnThePath() throws Exception {
        UdpEndpoint a = open(UdpEndpointConfig.of(ANY_PORT).withReceiveBuffer(16 * 1024));
        UdpEndpoint b = open(UdpEndpointConfig.of(ANY_PORT));
        a.demultiplexer().setFallback(PacketClass.LINK_FRAME, (d, from, via) -> { });
        assertEquals(0, a.socketReceiveDrops().orElseThrow());
        // A stalled reader, like an event loop in a long GC pause.
        a.channel().config().setAutoRead(false);
        int sent = 300;
        for (int i = 0; i < sent; i++) {
            b.send(Datagrams.linkFrame("z".repeat(1000)), a.localAddress());
        }
        awaitCount(() -> a.socketReceiveDrops().orElseThrow() + b.sendDrops() > 0 ? 1 : 0, 1);
        a.channel().config().setAutoRead(true);
        DemuxCounters counters = a.demultiplexer().counters();
        awaitCount(() -> counters.received() + a.socketReceiveDrops().orElseThrow() + b.sendDrops(), sent);
        long drops = a.socketReceiveDrops().orElseThrow();
        assertTrue(drops > 0, "a 16 KB buffer held all of 300 KB");
        assertEquals(sent, counters.received() + drops + b.sendDrops(), "loopback loses nothing else");
    }

    @Test
    void closeFreesThePortAndTheThread() throws Exception {
        UdpEndpoint a = UdpEndpoint.open(UdpEndpointConfig.of(ANY_PORT));
        InetSocketAddress bound = a.localAddress();
        String thread = "punchline-udp-" + bound.getPort();
        assertTrue(threadAlive(thread));
        a.close();
        a.close();
        assertFalse(threadAlive(thread), "the endpoint's own thread outlived close()");
        try (DatagramSocket again = new DatagramSocket(bound)) {
            assertEquals(bound.getPort(), again.getLocalPort());
        }
    }

    private UdpEndpoint open(UdpEndpointConfig config) throws Exception {
        UdpEndpoint e = UdpEndpoint.open(config);
        open.add(e);
        return e;
    }

    private static ByteBuf answer(ByteBuf request) {
        try {
            StunMessage m = StunMessage.decode(request);
            try {
                return StunMessage.builder(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE, m.transactionId())
                        .encode(Datagrams.ALLOC, Integrity.NONE, true);
            } finally {
                m.release();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    interface Count {
        long now();
    }

    static void awaitCount(Count count, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count.now() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(expected, count.now());
    }
}
