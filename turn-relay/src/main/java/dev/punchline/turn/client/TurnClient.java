package dev.punchline.turn.client;

import dev.punchline.turn.TurnTimings;
import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.ChannelData;
import dev.punchline.turn.wire.DontFragment;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.Lifetime;
import dev.punchline.turn.wire.RequestedAddressFamily;
import dev.punchline.turn.wire.RequestedTransport;
import dev.punchline.turn.wire.Software;
import dev.punchline.turn.wire.StunAttribute;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.StunParseException;
import dev.punchline.turn.wire.TransactionId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.StandardProtocolFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An asynchronous TURN client (RFC 8656) for ONE server and ONE allocation. Either standalone, over a
 * UDP, TCP or TLS socket of its own ({@link #create}), or as a core driven by whoever owns the socket
 * ({@link #overTransport}): it writes through a {@link TurnTransport} and is fed the server's frames
 * through {@link #receive}. Requests, retransmissions and timers run on one executor; nothing blocks it.
 */
public final class TurnClient implements TurnInbound, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TurnClient.class);

    /** One answer to the first 401, then fresh nonces after 438s: a server still refusing after that is not stale. */
    private static final int MAX_AUTH_RETRIES = 3;
    /** REQUESTED-TRANSPORT's value for UDP, the only relayed transport RFC 8656 defines. */
    private static final int PROTOCOL_UDP = 17;
    /** REQUESTED-ADDRESS-FAMILY's value for IPv6 (RFC 8656 §18.8); IPv4 is the default and goes unsaid. */
    private static final int FAMILY_IPV6 = 2;

    private enum State { NEW, ALLOCATING, ALLOCATED, FAILED, CLOSED }

    private final TurnClientConfig config;
    private final EventExecutor executor;
    private final Function<TurnInbound, CompletableFuture<TurnTransport>> opener;
    private final EventLoopGroup ownedGroup;
    private final StunTransactions transactions;
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private State state = State.NEW;
    private LongTermAuth auth;
    private TurnTransport transport;
    private volatile TurnAllocation allocation;
    /** When a frame of the server's last reached us (System.nanoTime()): the liveness check's clock. */
    private volatile long lastHeardNanos = System.nanoTime();
    /** The owned group's thread, seen when it shuts down, so close() can wait until it has ended. */
    private volatile Thread ownedThread;

    private TurnClient(TurnClientConfig config, EventExecutor executor,
                       Function<TurnInbound, CompletableFuture<TurnTransport>> opener, EventLoopGroup ownedGroup) {
        this.config = config;
        this.executor = executor;
        this.opener = opener;
        this.ownedGroup = ownedGroup;
        this.transactions = new StunTransactions(executor, config.retransmission());
    }

    /**
     * A client with a socket of its own, of {@link TurnClientConfig#protocol()}, opened by {@link #allocate()}.
     * It runs on the configured event loop group, or on a one-thread group of its own that {@link #close()}
     * shuts down.
     */
    public static TurnClient create(TurnClientConfig config) {
        EventLoopGroup shared = config.eventLoopGroup();
        EventLoopGroup owned = shared == null ? NettyTransports.newGroup() : null;
        EventLoop loop = (shared != null ? shared : owned).next();
        return new TurnClient(config, loop, inbound -> NettyTransports.open(config, loop, inbound), owned);
    }

    /**
     * A client over a transport somebody else owns (ice-adapter's demultiplexed socket). The owner feeds
     * the server's frames to {@link #receive} and reports closure through {@link #transportClosed}.
     * {@code executor} runs the client's requests and timers. The protocol, TLS and event loop settings of
     * {@code config} are not used.
     */
    public static TurnClient overTransport(TurnClientConfig config, TurnTransport transport, EventExecutor executor) {
        return new TurnClient(config, executor, inbound -> CompletableFuture.completedFuture(transport), null);
    }

    public TurnClientConfig config() {
        return config;
    }

    /**
     * Opens the transport if the client owns it, then allocates a relayed address: answers the server's
     * 401 challenge, follows 438 with the new nonce, asks for DONT-FRAGMENT and asks again without it if
     * the server does not know it (420). Fails with {@link TurnErrorResponseException} when refused (401
     * for wrong credentials), {@link TurnTimeoutException} when the server never answers, or the
     * transport's failure to open. Once per client.
     */
    public CompletableFuture<TurnAllocation> allocate() {
        CompletableFuture<TurnAllocation> result = new CompletableFuture<>();
        try {
            executor.execute(() -> startAllocation(result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the TURN client is closed"));
        }
        return result;
    }

    @Override
    public boolean receive(ByteBuf frame) {
        boolean taken = take(frame);
        if (taken) {
            lastHeardNanos = System.nanoTime();
        }
        return taken;
    }

    private boolean take(ByteBuf frame) {
        if (ChannelData.looksLikeChannelData(frame)) {
            TurnAllocation a = allocation;
            return a != null && a.receiveChannelData(frame);
        }
        if (!StunMessage.looksLikeStun(frame)) {
            return false;
        }
        StunMessage message;
        try {
            message = StunMessage.decode(frame);
        } catch (StunParseException e) {
            LOG.debug("undecodable STUN message from {}: {}", config.server(), e.getMessage());
            return false;
        }
        try {
            return switch (message.messageClass()) {
                case SUCCESS_RESPONSE, ERROR_RESPONSE -> transactions.offer(message);
                case INDICATION -> message.method() == StunMethod.DATA && dataIndication(message);
                case REQUEST -> false;
            };
        } finally {
            message.release();
        }
    }

    @Override
    public void transportClosed(String reason) {
        onExecutor(() -> {
            if (state == State.ALLOCATED) {
                allocation.lost(new AllocationLoss(AllocationLoss.Cause.TRANSPORT_CLOSED, reason));
            } else if (state == State.ALLOCATING) {
                refuseRequests(new AllocationLostException("the transport closed: " + reason));
            }
        });
    }

    @Override
    public void transportError(Throwable cause) {
        onExecutor(() -> {
            if (state == State.ALLOCATED) {
                allocation.probe(cause);
            }
        });
    }

    /**
     * Deletes the allocation (Refresh with LIFETIME 0, waiting at most a couple of seconds for the answer),
     * cancels every timer, closes the transport and, if the client made its own event loop group, shuts
     * it down. Completes on the client's executor; the owned group's thread ends just after.
     */
    public CompletableFuture<Void> closeAsync() {
        if (closeRequested.compareAndSet(false, true)) {
            try {
                executor.execute(this::shutdown);
            } catch (RejectedExecutionException alreadyDown) {
                closed.complete(null);
            }
        }
        return closed.copy();
    }

    /**
     * {@link #closeAsync()}, waiting until it is done and every thread the client owns has ended. Must not
     * be called on the client's own executor (it would wait for itself).
     */
    @Override
    public void close() {
        if (executor.inEventLoop()) {
            throw new IllegalStateException("close() would block the TURN client's own executor: use closeAsync()");
        }
        closeAsync().join();
        if (ownedGroup != null) {
            ownedGroup.terminationFuture().awaitUninterruptibly();
            awaitEnd(ownedThread);
        }
    }

    /** The group's termination is signalled from its thread just before that thread ends. */
    private static void awaitEnd(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(TurnTimings.CLOSE_DELETE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "TurnClient[" + config.protocol() + " " + config.server() + "]";
    }

    // ---- for the allocation, on the executor -----------------------------------------------------------

    EventExecutor executor() {
        return executor;
    }

    /**
     * Sends a request, signed once the server has challenged us, and yields its final response: a 401 to
     * the unsigned first request and 438 Stale Nonce are answered here by asking again.
     */
    CompletableFuture<TurnResponse> exchange(int method, List<StunAttribute> attributes) {
        return exchange(method, attributes, 0);
    }

    /** When the server was last heard from (any frame it sent that we took), on {@link System#nanoTime()}'s clock. */
    long lastHeardNanos() {
        return lastHeardNanos;
    }

    /**
     * A Binding request to the server on the allocation's 5-tuple, unsigned (servers answer Binding without
     * authentication), on {@code schedule}: its answer proves the server alive and says how it sees us now.
     */
    CompletableFuture<TurnResponse> check(RetransmissionPolicy schedule) {
        if (transport == null) {
            return CompletableFuture.failedFuture(new AllocationLostException("the TURN client has no transport"));
        }
        TransactionId id = TransactionId.random();
        ByteBuf frame = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, id)
                .encode(transport.alloc(), Integrity.NONE, true);
        return transactions.start(StunMethod.BINDING, id, frame, null, schedule);
    }

    void refuseRequests(TurnException cause) {
        transactions.refuseAll(cause);
    }

    // ---- internals --------------------------------------------------------------------------------------

    private CompletableFuture<TurnResponse> exchange(int method, List<StunAttribute> attributes, int retries) {
        if (transport == null) {
            return CompletableFuture.failedFuture(new AllocationLostException("the TURN client has no transport"));
        }
        TransactionId id = TransactionId.random();
        StunMessage.Builder request = StunMessage.builder(method, StunClass.REQUEST, id);
        attributes.forEach(request::add);
        String nonce = auth.nonce();
        auth.sign(request);
        ByteBuf frame = request.encode(transport.alloc(), auth.integrity(), true);
        return transactions.start(method, id, frame, nonce != null ? auth.key() : null).thenCompose(response -> {
            boolean askAgain = !response.success() && retries < MAX_AUTH_RETRIES
                    && challengeAnswerable(response, nonce, retries) && auth.challenge(response);
            return askAgain ? exchange(method, attributes, retries + 1) : CompletableFuture.completedFuture(response);
        });
    }

    /**
     * 438 always brings a nonce to use. 401 does when the request was not signed yet; to a signed request it
     * normally means wrong credentials, except when it is the first answer and carries a different nonce: a
     * server that restarted no longer knows its old nonces, and some answer 401 rather than 438 then.
     */
    private static boolean challengeAnswerable(TurnResponse response, String nonceUsed, int retries) {
        return switch (response.errorCode()) {
            case 438 -> true;
            case 401 -> nonceUsed == null || (retries == 0 && !nonceUsed.equals(response.nonce()));
            default -> false;
        };
    }

    private void startAllocation(CompletableFuture<TurnAllocation> result) {
        if (state != State.NEW) {
            result.completeExceptionally(new IllegalStateException(state == State.CLOSED
                    ? "the TURN client is closed" : "allocate() may be called once per TurnClient"));
            return;
        }
        state = State.ALLOCATING;
        auth = new LongTermAuth(config.credentials());
        opener.apply(this).whenCompleteAsync((opened, error) -> {
            if (error != null) {
                failAllocation(result, TurnException.unwrap(error));
            } else if (state != State.ALLOCATING) {
                opened.close();
                result.completeExceptionally(new AllocationLostException("the TURN client was closed"));
            } else {
                transport = opened;
                transactions.transport(opened);
                requestAllocation(config.dontFragment())
                        .whenComplete((response, failure) -> allocated(result, response, failure));
            }
        }, executor);
    }

    private CompletableFuture<TurnResponse> requestAllocation(boolean dontFragment) {
        List<StunAttribute> attributes = new ArrayList<>(4);
        attributes.add(new RequestedTransport(PROTOCOL_UDP));
        if (dontFragment) {
            attributes.add(new DontFragment());
        }
        if (config.relayFamily() == StandardProtocolFamily.INET6) {
            attributes.add(new RequestedAddressFamily(FAMILY_IPV6));
        }
        if (config.requestedLifetime() != null) {
            attributes.add(new Lifetime(config.requestedLifetime().getSeconds()));
        }
        if (config.software() != null) {
            attributes.add(new Software(config.software()));
        }
        return exchange(StunMethod.ALLOCATE, attributes).thenCompose(response -> {
            boolean dontFragmentUnknown = response.errorCode() == 420
                    && response.unknown(AttributeType.DONT_FRAGMENT);
            if (dontFragment && dontFragmentUnknown) {
                LOG.debug("{} does not know DONT-FRAGMENT; allocating without it", config.server());
                return requestAllocation(false);
            }
            return CompletableFuture.completedFuture(response);
        });
    }

    private void allocated(CompletableFuture<TurnAllocation> result, TurnResponse response, Throwable error) {
        if (error != null) {
            failAllocation(result, TurnException.unwrap(error));
        } else if (!response.success()) {
            failAllocation(result, allocateRefused(response));
        } else if (response.relayed() == null) {
            failAllocation(result, new IllegalStateException(config.server()
                    + " answered Allocate without an XOR-RELAYED-ADDRESS"));
        } else if (state != State.ALLOCATING) {
            result.completeExceptionally(new AllocationLostException("the TURN client was closed"));
        } else {
            TurnAllocation a = new TurnAllocation(this, transport, response);
            allocation = a;
            state = State.ALLOCATED;
            a.start(response);
            LOG.info("TURN allocation {} on {} ({}) for {}, lifetime {} s", a.relayedAddress(), config.server(),
                    config.protocol(), auth.username(), a.lifetime().getSeconds());
            result.complete(a);
        }
    }

    private TurnErrorResponseException allocateRefused(TurnResponse response) {
        if (response.errorCode() == 401 || response.errorCode() == 441) {
            return new TurnErrorResponseException(response.method(), response.errorCode(), response.errorReason(),
                    "the server did not accept the credentials of user '" + auth.username() + "'"
                            + (auth.realm() == null ? "" : " in realm '" + auth.realm() + "'"));
        }
        if (response.errorCode() == 300 && response.alternateServer() != null) {
            return new TurnErrorResponseException(response.method(), 300, response.errorReason(),
                    "the server redirects to " + response.alternateServer() + "; allocate there instead");
        }
        return TurnErrorResponseException.of(response);
    }

    private void failAllocation(CompletableFuture<TurnAllocation> result, Throwable cause) {
        if (state == State.ALLOCATING) {
            state = State.FAILED;
        }
        LOG.debug("TURN allocation on {} failed: {}", config.server(), cause.toString());
        result.completeExceptionally(cause);
    }

    private boolean dataIndication(StunMessage indication) {
        TurnAllocation a = allocation;
        if (a != null) {
            a.receiveDataIndication(indication);
        }
        return true;
    }

    private void shutdown() {
        TurnAllocation a = allocation;
        CompletableFuture<Void> deleted = a != null ? a.delete() : CompletableFuture.completedFuture(null);
        state = State.CLOSED;
        deleted.whenComplete((ignored, error) -> release());
    }

    private void release() {
        transactions.refuseAll(new AllocationLostException("the TURN client is closed"));
        if (transport != null) {
            transport.close();
        }
        if (ownedGroup != null) {
            ownedThread = Thread.currentThread();
            ownedGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
        closed.complete(null);
    }

    private void onExecutor(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closedAlready) {
            LOG.debug("TURN client already closed");
        }
    }
}
