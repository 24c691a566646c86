package dev.punchline.turn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.punchline.turn.client.UdpProxy.Frame;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the TURN client must do against a real server, over real sockets. Each server we interoperate
 * with gets a subclass that starts it ({@link #startServer()}); the scenarios are the same for all.
 */
public abstract class TurnClientScenarios {
    private static final long WAIT_SECONDS = 10;
    /** A 50 ms initial RTO: a server that is gone is given up on after 3.95 s instead of 39.5 s. */
    private static final RetransmissionPolicy FAST = RetransmissionPolicy.withInitialRto(Duration.ofMillis(50));

    /** When a silent dead server must be reported: LIVENESS_IDLE + the check's 2.75 s, and a second's margin. */
    private static final Duration LIVENESS_BOUND = dev.punchline.turn.TurnTimings.LIVENESS_IDLE
            .plus(Duration.ofMillis(2_750)).plusSeconds(1);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    protected TurnServerUnderTest server;
    private EchoPeer peer;

    /** Starts a fresh server for one scenario; it is closed after it. */
    protected abstract TurnServerUnderTest startServer() throws Exception;

    /**
     * A server that takes TURN REST credentials from {@link TurnServerUnderTest#restSecret()}: the one
     * from {@link #startServer()}, unless that cannot take static and REST credentials at once.
     */
    protected TurnServerUnderTest startRestServer() throws Exception {
        return server;
    }

    @BeforeEach
    void startServerAndPeer() throws Exception {
        server = keep(startServer());
        peer = keep(EchoPeer.on(TestAddresses.LOOPBACK));
    }

    @AfterEach
    void closeEverything() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @ParameterizedTest
    @EnumSource(TransportProtocol.class)
    void allocatesAndRelaysBothWays(TransportProtocol protocol) throws Exception {
        assumeTrue(server.address(protocol).isPresent(), "the server does not listen on " + protocol);
        TurnAllocation allocation = allocate(server.clientConfig(protocol));

        assertEquals(TestAddresses.LOOPBACK, allocation.relayedAddress().getAddress());
        assertTrue(allocation.mappedAddress().isPresent());
        assertTrue(allocation.lifetime().compareTo(Duration.ZERO) > 0
                && allocation.lifetime().compareTo(server.allocationLifetime()) <= 0, allocation.lifetime().toString());
        Inbox inbox = permittedInbox(allocation);
        for (int i = 0; i < 20; i++) {
            assertTrue(allocation.send(peer.address(), text("ping " + i)));
            assertEquals(peer.address() + " ping " + i, inbox.next());
        }
    }

    @Test
    void allocatesAnIpv6RelayWhenAskedAndRefusesIpv4PeersOnIt() throws Exception {
        assumeTrue(server.relaysIpv6(), "the server relays IPv4 only");
        EchoPeer peer6 = keep(EchoPeer.on(TestAddresses.LOOPBACK_IPV6));
        TurnAllocation allocation = allocate(server.clientConfig(TransportProtocol.UDP)
                .relayFamily(StandardProtocolFamily.INET6));

        assertInstanceOf(Inet6Address.class, allocation.relayedAddress().getAddress());
        Inbox inbox = new Inbox(allocation);
        ExecutionException mismatch = assertThrows(ExecutionException.class, () -> allocation
                .permit(List.of(peer6.address().getAddress(), peer.address().getAddress()))
                .get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(Set.of(peer.address().getAddress()),
                assertInstanceOf(PermissionRefusedException.class, mismatch.getCause()).refused());
        assertTrue(allocation.send(peer6.address(), text("over IPv6")));
        assertEquals(peer6.address() + " over IPv6", inbox.next());
    }

    @Test
    void allocatesWithRestCredentials() throws Exception {
        TurnServerUnderTest rest = startRestServer();
        if (rest != server) {
            keep(rest);
        }
        TurnAllocation allocation = allocate(rest.clientConfig(TransportProtocol.UDP)
                .restCredentials(rest.user(), rest.restSecret()));

        Inbox inbox = new Inbox(allocation);
        assertTrue(allocation.send(peer.address(), text("rest")));
        assertEquals(peer.address() + " rest", inbox.next());
    }

    @Test
    void aWrongPasswordFailsTheAllocationWithAClearError() {
        TurnClient client = keep(TurnClient.create(server.clientConfig(TransportProtocol.UDP)
                .credentials(server.user(), "not-the-password").build()));

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.allocate().get(WAIT_SECONDS, TimeUnit.SECONDS));
        TurnErrorResponseException error = assertInstanceOf(TurnErrorResponseException.class, failure.getCause());
        assertEquals(401, error.code());
        assertTrue(error.getMessage().contains("did not accept the credentials of user '" + server.user() + "'"),
                error.getMessage());
    }

    @Test
    void sendsSendIndicationsUntilTheChannelIsBoundThenChannelData() throws Exception {
        UdpProxy proxy = proxy();
        TurnAllocation allocation = allocate(server.clientConfig(proxy.address(), TransportProtocol.UDP));
        Inbox inbox = permittedInbox(allocation);

        assertTrue(allocation.send(peer.address(), text("first")));
        assertEquals(peer.address() + " first", inbox.next());
        await(() -> proxy.fromServer().stream().anyMatch(f -> f.is(StunMethod.CHANNEL_BIND,
                StunClass.SUCCESS_RESPONSE)), "the ChannelBind the first send started");
        for (int i = 0; i < 5; i++) {
            assertTrue(allocation.send(peer.address(), text("then " + i)));
            assertEquals(peer.address() + " then " + i, inbox.next());
        }

        List<Frame> sent = dataFrames(proxy.fromClient(), StunMethod.SEND);
        assertTrue(sent.get(0).is(StunMethod.SEND, StunClass.INDICATION), "the first packet: " + sent.get(0));
        assertTrue(sent.subList(sent.size() - 5, sent.size()).stream().allMatch(Frame::channelData), sent.toString());
        List<Frame> received = dataFrames(proxy.fromServer(), StunMethod.DATA);
        assertTrue(received.subList(received.size() - 5, received.size()).stream().allMatch(Frame::channelData),
                "the server answers on the channel too: " + received);
    }

    /**
     * Runs traffic for 2.5 allocation lifetimes. How long a refresh extends the allocation is the server's
     * choice (coturn 4.6.1 grants short lifetimes to Allocate but 600 s to every Refresh), so what must
     * hold everywhere is that the first refresh came in time and nothing was lost.
     */
    @Test
    void refreshesKeepTheAllocationItsPermissionsAndItsChannelAlive() throws Exception {
        UdpProxy proxy = proxy();
        long start = System.nanoTime();
        TurnAllocation allocation = allocate(server.clientConfig(proxy.address(), TransportProtocol.UDP));
        Inbox inbox = permittedInbox(allocation);

        long end = start + server.allocationLifetime().multipliedBy(5).dividedBy(2).toNanos();
        int sent = 0;
        int lost = 0;
        while (System.nanoTime() - end < 0) {
            assertTrue(allocation.send(peer.address(), text("keep " + sent)));
            if (!inbox.awaitExactly(peer.address() + " keep " + sent, Duration.ofSeconds(2))) {
                lost++;
            }
            sent++;
            Thread.sleep(200);
        }

        assertEquals(0, lost, lost + " of " + sent + " packets lost");
        assertTrue(allocation.isActive());
        Frame firstRefresh = proxy.fromServer().stream().filter(f -> f.is(StunMethod.REFRESH,
                StunClass.SUCCESS_RESPONSE)).findFirst().orElseThrow(() -> new AssertionError(
                "no refresh: " + describe(proxy.fromServer())));
        assertTrue(firstRefresh.nanos() - start < server.allocationLifetime().toNanos(), "refreshed too late");
        assertTrue(count(proxy.fromServer(), StunMethod.CREATE_PERMISSION, StunClass.SUCCESS_RESPONSE) >= 3,
                "permission refreshes: " + describe(proxy.fromServer()));
        assertTrue(count(proxy.fromServer(), StunMethod.CHANNEL_BIND, StunClass.SUCCESS_RESPONSE) >= 2,
                "channel refreshes: " + describe(proxy.fromServer()));
        assertTrue(proxy.fromServer().stream().anyMatch(f -> f.errorCode() == 438),
                "the nonce went stale on the way and was renewed: " + describe(proxy.fromServer()));
    }

    @Test
    void dataFlowsAgainAfterThePermissionLapsedWhileIdle() throws Exception {
        TurnAllocation allocation = allocate(server.clientConfig(TransportProtocol.UDP));
        Inbox inbox = new Inbox(allocation);
        assertTrue(allocation.send(peer.address(), text("before")));
        assertEquals(peer.address() + " before", inbox.next());

        Thread.sleep(server.allocationLifetime().toMillis());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        String echo = null;
        for (int i = 0; echo == null && System.nanoTime() - deadline < 0; i++) {
            assertTrue(allocation.send(peer.address(), text("after " + i)));
            echo = inbox.poll(Duration.ofMillis(100));
        }
        assertNotNull(echo, "nothing came back within 3 s of resuming");
        assertTrue(allocation.isActive());
    }

    @Test
    void aRefusedAddressDoesNotCostTheOthersOfItsBatchTheirPermissions() throws Exception {
        TurnAllocation allocation = allocate(server.clientConfig(TransportProtocol.UDP));
        Inbox inbox = new Inbox(allocation);
        InetAddress refused = server.refusedPeer();
        InetAddress other = TestAddresses.of("127.0.0.3");
        InetAddress echo = peer.address().getAddress();

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> allocation.permit(List.of(echo, refused, other)).get(WAIT_SECONDS, TimeUnit.SECONDS));
        PermissionRefusedException refusal = assertInstanceOf(PermissionRefusedException.class, failure.getCause());
        assertEquals(Set.of(refused), refusal.refused());
        assertEquals(Set.of(echo, other), refusal.granted());

        assertTrue(allocation.send(peer.address(), text("granted")));
        assertEquals(peer.address() + " granted", inbox.next());
        ExecutionException bind = assertThrows(ExecutionException.class, () -> allocation
                .bindChannel(new InetSocketAddress(refused, 9)).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(PermissionRefusedException.class, bind.getCause());
    }

    @Test
    void sendingToOrPermittingARefusedPeerMakesNoRequestStorm() throws Exception {
        UdpProxy proxy = proxy();
        TurnAllocation allocation = allocate(server.clientConfig(proxy.address(), TransportProtocol.UDP));
        InetSocketAddress refused = new InetSocketAddress(server.refusedPeer(), 9);

        int attempts = 0;
        int accepted = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() - end < 0) {
            attempts++;
            if (allocation.send(refused, text("x"))) {
                accepted++;
            }
            allocation.permit(List.of(refused.getAddress()));
            Thread.sleep(1);
        }

        long binds = count(proxy.fromClient(), StunMethod.CHANNEL_BIND, StunClass.REQUEST);
        long permits = count(proxy.fromClient(), StunMethod.CREATE_PERMISSION, StunClass.REQUEST);
        // Each refusal keeps the address alone for 0.5-1 s, then 1-2 s, then 2-4 s: at most three rounds
        // in 3 s, each a ChannelBind (from the sends) and a CreatePermission (from the permits).
        assertTrue(binds + permits >= 1 && binds + permits <= 6, binds + " ChannelBind and " + permits
                + " CreatePermission requests for " + attempts + " sends and permits in 3 s");
        assertTrue(accepted < attempts / 10, accepted + " of " + attempts + " sends to a refused peer went out");
        assertTrue(allocation.isActive());
    }

    /**
     * The first CreatePermission is lost, so its transaction stays under way for a retransmission timeout:
     * permits asked meanwhile for the same address join it instead of each sending a request of its own.
     */
    @Test
    void permitsAskedWhileARequestIsUnderWayJoinIt() throws Exception {
        UdpProxy proxy = proxy();
        AtomicInteger permits = new AtomicInteger();
        proxy.dropFromClient(f -> f.is(StunMethod.CREATE_PERMISSION, StunClass.REQUEST) && permits.incrementAndGet() == 1);
        TurnAllocation allocation = allocate(server.clientConfig(proxy.address(), TransportProtocol.UDP));

        List<CompletableFuture<Void>> asked = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            asked.add(allocation.permit(List.of(peer.address().getAddress())));
        }
        for (CompletableFuture<Void> permit : asked) {
            permit.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        assertEquals(2, count(proxy.fromClient(), StunMethod.CREATE_PERMISSION, StunClass.REQUEST),
                "the lost request and its retransmission, for 10 permits of one address");
    }

    @Test
    void retransmitsALostRequestOnTheRfc8489Schedule() throws Exception {
        UdpProxy proxy = proxy();
        AtomicInteger allocates = new AtomicInteger();
        proxy.dropFromClient(f -> f.is(StunMethod.ALLOCATE, StunClass.REQUEST) && allocates.incrementAndGet() <= 2);

        TurnAllocation allocation = allocate(server.clientConfig(proxy.address(), TransportProtocol.UDP));

        assertTrue(allocation.isActive());
        List<Frame> requests = proxy.fromClient().stream()
                .filter(f -> f.is(StunMethod.ALLOCATE, StunClass.REQUEST)).toList();
        long first = TimeUnit.NANOSECONDS.toMillis(requests.get(1).nanos() - requests.get(0).nanos());
        long second = TimeUnit.NANOSECONDS.toMillis(requests.get(2).nanos() - requests.get(1).nanos());
        // Times are taken where the proxy receives. The very first datagram of a fresh JVM can be stamped
        // late (class loading and JIT on 2 busy cores), so the first gap is checked loosely.
        assertTrue(first >= 400 && first < 1_500, "first retransmission after " + first + " ms, not 500");
        assertTrue(second >= 970 && second < 2_500, "second retransmission " + second + " ms later, not 1000");
    }

    @Test
    void aServerThatDiesIsReportedLostOverUdp() throws Exception {
        TurnAllocation allocation = allocate(server.clientConfig(TransportProtocol.UDP).retransmission(FAST));
        CompletableFuture<AllocationLoss> lost = lossOf(allocation);

        server.kill();
        allocation.send(peer.address(), text("anyone there?"));

        AllocationLoss loss = lost.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(AllocationLoss.Cause.SERVER_UNREACHABLE, loss.cause(), loss.toString());
        assertFailsFastAfterLoss(allocation);
    }

    /**
     * Nothing sent, nothing refreshed for minutes: the liveness check alone finds the dead server, within
     * {@link dev.punchline.turn.TurnTimings#LIVENESS_IDLE} plus the check's 2.75 s (a second's margin for a busy
     * machine), not at the next Refresh.
     */
    @Test
    void aServerThatDiesSilentlyIsReportedLostWithinSeconds() throws Exception {
        TurnAllocation allocation = allocate(server.clientConfig(TransportProtocol.UDP));
        CompletableFuture<AllocationLoss> lost = lossOf(allocation);

        server.kill();
        long killed = System.nanoTime();

        AllocationLoss loss = lost.get(WAIT_SECONDS, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        assertEquals(AllocationLoss.Cause.SERVER_UNREACHABLE, loss.cause(), loss.toString());
        assertTrue(loss.detail().contains("liveness"), loss.toString());
        assertTrue(millis <= LIVENESS_BOUND.toMillis(), "reported " + millis + " ms after the kill");
        assertFailsFastAfterLoss(allocation);
    }

    /** Three of every four liveness requests lost: each check still gets its answer, the allocation lives on. */
    @Test
    void lostLivenessRequestsDoNotLoseAHealthyAllocation() throws Exception {
        UdpProxy proxy = proxy();
        AtomicInteger bindings = new AtomicInteger();
        proxy.dropFromClient(f -> f.is(StunMethod.BINDING, StunClass.REQUEST) && bindings.incrementAndGet() % 4 != 0);
        TurnAllocation allocation = allocate(server.clientConfig(proxy.address(), TransportProtocol.UDP));
        CompletableFuture<AllocationLoss> lost = lossOf(allocation);

        await(() -> count(proxy.fromServer(), StunMethod.BINDING, StunClass.SUCCESS_RESPONSE) >= 2,
                "two liveness checks answered");

        assertFalse(lost.isDone(), () -> "lost: " + lost.join());
        assertTrue(allocation.isActive());
        assertEquals(6, proxy.fromClient().stream().filter(f -> f.is(StunMethod.BINDING, StunClass.REQUEST)
                && f.dropped()).count(), "requests lost before the two answers");
        Inbox inbox = permittedInbox(allocation);
        assertTrue(allocation.send(peer.address(), text("still here")));
        assertEquals(peer.address() + " still here", inbox.next());
    }

    /** The NAT in front of the client rebinds: the next liveness check sees another mapping, the allocation is lost. */
    @Test
    void aNewMappingSeenByTheLivenessCheckLosesTheAllocation() throws Exception {
        UdpProxy proxy = proxy();
        TurnAllocation allocation = allocate(server.clientConfig(proxy.address(), TransportProtocol.UDP));
        CompletableFuture<AllocationLoss> lost = lossOf(allocation);

        proxy.rebind();

        AllocationLoss loss = lost.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(AllocationLoss.Cause.MAPPING_CHANGED, loss.cause(), loss.toString());
        assertFailsFastAfterLoss(allocation);
    }

    @Test
    void aServerThatDiesIsReportedLostAtOnceOverTcp() throws Exception {
        TurnAllocation allocation = allocate(server.clientConfig(TransportProtocol.TCP));
        CompletableFuture<AllocationLoss> lost = lossOf(allocation);

        server.kill();

        AllocationLoss loss = lost.get(3, TimeUnit.SECONDS);
        assertEquals(AllocationLoss.Cause.TRANSPORT_CLOSED, loss.cause(), loss.toString());
        assertFailsFastAfterLoss(allocation);
    }

    @Test
    void nothingIsSentOnceTheAllocationIsLost() throws Exception {
        UdpProxy proxy = proxy();
        TurnClient client = keep(TurnClient.create(server.clientConfig(proxy.address(), TransportProtocol.UDP)
                .retransmission(FAST).build()));
        TurnAllocation allocation = client.allocate().get(WAIT_SECONDS, TimeUnit.SECONDS);
        CompletableFuture<AllocationLoss> lost = lossOf(allocation);

        server.kill();
        AllocationLoss loss = lost.get(server.allocationLifetime().getSeconds() + WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(AllocationLoss.Cause.SERVER_UNREACHABLE, loss.cause(), loss.toString());
        int framesAtLoss = proxy.fromClient().size();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() - end < 0) {
            allocation.send(peer.address(), text("x"));
            allocation.permit(List.of(peer.address().getAddress()));
            allocation.bindChannel(peer.address());
            Thread.sleep(1);
        }
        client.close();

        assertEquals(framesAtLoss, proxy.fromClient().size(), "frames sent after the loss");
    }

    /**
     * The proxy holds every Refresh back until the server has let the allocation expire; the retransmission
     * that then gets through is answered 437 (the server knows no allocation for this client).
     */
    @Test
    void aRefreshAnsweredWith437MeansTheAllocationIsLost() throws Exception {
        UdpProxy proxy = proxy();
        AtomicLong expired = new AtomicLong(Long.MAX_VALUE);
        proxy.dropFromClient(f -> f.is(StunMethod.REFRESH, StunClass.REQUEST) && f.nanos() - expired.get() < 0);
        TurnClient client = keep(TurnClient.create(server.clientConfig(proxy.address(), TransportProtocol.UDP)
                .retransmission(RetransmissionPolicy.withInitialRto(Duration.ofMillis(100))).build()));
        long requested = System.nanoTime();
        TurnAllocation allocation = client.allocate().get(WAIT_SECONDS, TimeUnit.SECONDS);
        expired.set(requested + server.allocationLifetime().plusSeconds(1).toNanos());
        CompletableFuture<AllocationLoss> lost = lossOf(allocation);

        AllocationLoss loss = lost.get(server.allocationLifetime().getSeconds() + WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals(AllocationLoss.Cause.ALLOCATION_MISMATCH, loss.cause(), loss.toString());
        assertTrue(proxy.fromServer().stream().anyMatch(f -> f.is(StunMethod.REFRESH, StunClass.ERROR_RESPONSE)
                && f.errorCode() == 437), "the server said 437");
        assertFailsFastAfterLoss(allocation);
    }

    @Test
    void closeDeletesTheAllocationAndEndsTheClientsThread() throws Exception {
        UdpProxy proxy = proxy();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        TurnClient client = TurnClient.create(server.clientConfig(proxy.address(), TransportProtocol.UDP).build());
        TurnAllocation allocation = client.allocate().get(WAIT_SECONDS, TimeUnit.SECONDS);
        List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("turn-client")).toList();

        client.close();

        assertEquals(1, started.size(), "threads the client started: " + started);
        assertFalse(started.get(0).isAlive(), "the client's event loop thread outlived close()");
        List<Frame> frames = proxy.frames();
        Frame lastRequest = frames.stream().filter(f -> f.fromClient()).reduce((a, b) -> b).orElseThrow();
        assertTrue(lastRequest.is(StunMethod.REFRESH, StunClass.REQUEST), "last request: " + lastRequest);
        assertTrue(frames.get(frames.size() - 1).is(StunMethod.REFRESH, StunClass.SUCCESS_RESPONSE),
                "the deletion was answered: " + frames.get(frames.size() - 1));
        assertFalse(allocation.isActive());
        assertFalse(allocation.send(peer.address(), text("after close")));
        ExecutionException again = assertThrows(ExecutionException.class,
                () -> client.allocate().get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, again.getCause());
        client.close();
    }

    @Test
    void clientsOnASharedEventLoopGroupCloseTheirSocketsButLeaveItRunning() throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        keep(() -> group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly());
        UdpProxy proxy = proxy();
        TurnClient first = TurnClient.create(server.clientConfig(proxy.address(), TransportProtocol.UDP)
                .eventLoopGroup(group).build());
        TurnClient second = TurnClient.create(server.clientConfig(TransportProtocol.TCP).eventLoopGroup(group).build());
        first.allocate().get(WAIT_SECONDS, TimeUnit.SECONDS);
        second.allocate().get(WAIT_SECONDS, TimeUnit.SECONDS);

        first.close();
        second.close();

        assertFalse(group.isShuttingDown());
        assertEquals("still running", group.submit(() -> "still running").get(WAIT_SECONDS, TimeUnit.SECONDS));
        try (DatagramSocket rebound = new DatagramSocket(proxy.client())) {
            assertTrue(rebound.isBound(), "the first client's UDP port is free again");
        }
    }

    @Test
    void tlsRefusesAServerItCannotVerify() {
        assumeTrue(server.address(TransportProtocol.TLS).isPresent(), "the server does not listen on TLS");
        TurnClient client = keep(TurnClient.create(server.clientConfig(TransportProtocol.TLS)
                .tlsTrust(TlsTrust.systemDefault()).build()));

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.allocate().get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(SSLException.class, failure.getCause(), failure.getCause().toString());
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private TurnAllocation allocate(TurnClientConfig.Builder config) throws Exception {
        TurnClient client = keep(TurnClient.create(config.build()));
        return client.allocate().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Receives the allocation's data, with the echo peer permitted. */
    private Inbox permittedInbox(TurnAllocation allocation) throws Exception {
        Inbox inbox = new Inbox(allocation);
        allocation.permit(List.of(peer.address().getAddress())).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return inbox;
    }

    private UdpProxy proxy() throws Exception {
        return keep(UdpProxy.to(server.address(TransportProtocol.UDP).orElseThrow()));
    }

    private static void assertFailsFastAfterLoss(TurnAllocation allocation) {
        assertFalse(allocation.isActive());
        assertFalse(allocation.send(new InetSocketAddress(TestAddresses.LOOPBACK, 9), text("too late")));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> allocation
                .permit(List.of(TestAddresses.LOOPBACK)).get(100, TimeUnit.MILLISECONDS));
        assertInstanceOf(AllocationLostException.class, failure.getCause());
    }

    private static CompletableFuture<AllocationLoss> lossOf(TurnAllocation allocation) {
        CompletableFuture<AllocationLoss> lost = new CompletableFuture<>();
        allocation.onLost(lost::complete);
        return lost;
    }

    /** The data frames one way: ChannelData, and Send (client) or Data (server) indications. */
    private static List<Frame> dataFrames(List<Frame> frames, int indicationMethod) {
        return frames.stream().filter(f -> f.channelData() || f.is(indicationMethod, StunClass.INDICATION)).toList();
    }

    /** The STUN messages among {@code frames}, for failure messages. */
    private static String describe(List<Frame> frames) {
        return frames.stream().filter(f -> f.method() != null)
                .map(f -> StunMethod.name(f.method()) + " " + f.messageClass()
                        + (f.errorCode() != 0 ? " " + f.errorCode() : ""))
                .toList().toString();
    }

    private static long count(List<Frame> frames, int method, StunClass cls) {
        return frames.stream().filter(f -> f.is(method, cls)).count();
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.push(resource);
        return resource;
    }

    /** What the allocation received, as "peer payload" strings. */
    private static final class Inbox {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        Inbox(TurnAllocation allocation) {
            allocation.onData((from, payload) -> received.add(from + " " + payload.toString(StandardCharsets.UTF_8)));
        }

        String next() throws InterruptedException {
            String s = poll(Duration.ofSeconds(WAIT_SECONDS));
            assertNotNull(s, "nothing received");
            return s;
        }

        String poll(Duration timeout) throws InterruptedException {
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Waits for {@code expected}, passing over late echoes of earlier packets. */
        boolean awaitExactly(String expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            String s = poll(timeout);
            while (s != null && !s.equals(expected)) {
                s = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
            return s != null;
        }
    }
}
