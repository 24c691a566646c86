package dev.punchline.turn.client;

import dev.punchline.turn.TurnTimings;
import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.ChannelData;
import dev.punchline.turn.wire.ChannelDataFrame;
import dev.punchline.turn.wire.Data;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.Lifetime;
import dev.punchline.turn.wire.StunAttribute;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.StunParseException;
import dev.punchline.turn.wire.TransactionId;
import dev.punchline.turn.wire.XorAddress;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relayed transport address on a TURN server (RFC 8656), kept alive by its client: the allocation is
 * refreshed at min(lifetime − 60 s, lifetime / 2), permissions and channels while data flows through them.
 * Sending binds a channel to a new peer at once and uses Send indications only until it is bound.
 *
 * <p>Thread-safe: {@link #send} and the data listener run on the callers' threads without locks; the
 * requests and timers run on the client's executor.
 */
public final class TurnAllocation {
    private static final Logger LOG = LoggerFactory.getLogger(TurnAllocation.class);

    private enum State { ACTIVE, LOST, CLOSED }

    private static final long LIVENESS_IDLE_NANOS = TurnTimings.LIVENESS_IDLE.toNanos();
    private static final RetransmissionPolicy LIVENESS_SCHEDULE = RetransmissionPolicy.livenessCheck();

    private final TurnClient client;
    private final EventExecutor executor;
    private final TurnTransport transport;
    private final InetSocketAddress relayed;
    private final InetSocketAddress mapped;
    private final Lifetime requestedLifetime;
    private final Permissions permissions;
    private final Channels channels;
    private final long permissionRefreshNanos;
    private final long channelRefreshNanos;
    private final Set<ScheduledFuture<?>> timers = new HashSet<>();
    private final Backoff refreshFailures = new Backoff();
    private final Backoff permissionFailures = new Backoff();
    private final Backoff probes = new Backoff();

    private volatile State state = State.ACTIVE;
    private volatile long lifetimeSeconds;
    private volatile TurnDataListener dataListener;
    private AllocationLossListener lossListener;
    private volatile AllocationLoss loss;
    private long expiresAt;
    private boolean refreshing;
    private ScheduledFuture<?> refreshTimer;
    private long noProbeBefore = System.nanoTime();

    TurnAllocation(TurnClient client, TurnTransport transport, TurnResponse allocated) {
        TurnClientConfig config = client.config();
        this.client = client;
        this.executor = client.executor();
        this.transport = transport;
        this.relayed = allocated.relayed();
        this.mapped = allocated.mapped();
        this.requestedLifetime = config.requestedLifetime() == null ? null
                : new Lifetime(config.requestedLifetime().getSeconds());
        this.permissions = new Permissions(this::request, config.permissionLifetime());
        this.channels = new Channels(this::request, permissions, config.channelLifetime());
        this.permissionRefreshNanos = refreshAhead(config.permissionLifetime());
        this.channelRefreshNanos = refreshAhead(config.channelLifetime());
    }

    /** The address peers send to, and the one to give them as a relayed candidate. */
    public InetSocketAddress relayedAddress() {
        return relayed;
    }

    /** This client's address as the server saw it (server-reflexive), if the server said. */
    public Optional<InetSocketAddress> mappedAddress() {
        return Optional.ofNullable(mapped);
    }

    /** The lifetime the server granted in its latest answer. */
    public Duration lifetime() {
        return Duration.ofSeconds(lifetimeSeconds);
    }

    public InetSocketAddress server() {
        return client.config().server();
    }

    /** True until the allocation is lost or closed. */
    public boolean isActive() {
        return state == State.ACTIVE;
    }

    /**
     * Installs permissions for {@code addresses} (ports do not matter to permissions) in as few
     * CreatePermission requests as fit (several XOR-PEER-ADDRESS each). A permission lasts one lifetime
     * (300 s) and is refreshed after that only while data flows to or from its address. Completes when
     * all are installed; fails with {@link PermissionRefusedException} naming the refused addresses when
     * the server refused some (the others are installed all the same: a refused batch is split until the
     * refused addresses are isolated), or with the first other error.
     */
    public CompletableFuture<Void> permit(Collection<InetAddress> addresses) {
        List<InetAddress> copy = List.copyOf(addresses);
        CompletableFuture<Void> result = new CompletableFuture<>();
        onExecutor(result, () -> permissions.install(copy).whenComplete((outcome, error) -> {
            Throwable failure = error != null ? TurnException.unwrap(error) : outcome.asFailure();
            if (failure == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(failure);
            }
        }));
        return result;
    }

    /**
     * Binds a channel to {@code peer} now, or refreshes its binding; completes with the channel number.
     * {@link #send} does this by itself for a new peer; call it to have the channel ready before the first
     * packet. The binding also installs the permission for the peer's address.
     */
    public CompletableFuture<Integer> bindChannel(InetSocketAddress peer) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        onExecutor(result, () -> {
            ChannelBinding channel = channels.entry(peer);
            if (channel == null) {
                result.completeExceptionally(new IllegalStateException("all 4096 channel numbers are taken"));
                return;
            }
            channels.bind(channel).whenComplete((number, error) -> {
                if (error == null) {
                    result.complete(number);
                } else {
                    result.completeExceptionally(TurnException.unwrap(error));
                }
            });
        });
        return result;
    }

    /**
     * Relays {@code payload}'s readable bytes to {@code peer}, as ChannelData once the peer's channel is
     * bound, as a Send indication until then (binding it at once). Takes ownership of {@code payload}.
     * Returns false, sending nothing, when the allocation is lost or closed or the server refused the peer
     * (then it asks again after a growing while). Never blocks; any thread.
     */
    public boolean send(InetSocketAddress peer, ByteBuf payload) {
        try {
            if (state != State.ACTIVE) {
                return false;
            }
            long now = System.nanoTime();
            Permission permission = permissions.entry(peer.getAddress());
            if (permission.refusedAt(now)) {
                return false;
            }
            permission.used = true;
            ChannelBinding channel = channels.entry(peer);
            boolean viaChannel = channel != null && channel.validAt(now);
            if (channel != null) {
                channel.used = true;
                if ((!viaChannel || !permission.validAt(now)) && channel.mayRetryAt(now)
                        && channel.requested.compareAndSet(false, true)) {
                    requestBind(channel);
                }
            }
            transport.send(viaChannel ? channelData(channel.number, payload) : sendIndication(peer, payload));
            return true;
        } finally {
            payload.release();
        }
    }

    /** Receives every payload peers send; replaces the previous listener. */
    public void onData(TurnDataListener listener) {
        this.dataListener = listener;
    }

    /** Told once if the allocation is lost (at once if it already is); replaces the previous listener. */
    public void onLost(AllocationLossListener listener) {
        try {
            executor.execute(() -> {
                lossListener = listener;
                if (state == State.LOST) {
                    notifyLost();
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.debug("loss listener set on a closed client");
        }
    }

    /** Why the allocation was lost, once it is. */
    public Optional<AllocationLoss> loss() {
        return Optional.ofNullable(loss);
    }

    /** Deletes the allocation and closes its client (one allocation per client); see {@link TurnClient#close()}. */
    public void close() {
        client.close();
    }

    /** Deletes the allocation and closes its client without blocking; see {@link TurnClient#closeAsync()}. */
    public CompletableFuture<Void> closeAsync() {
        return client.closeAsync();
    }

    @Override
    public String toString() {
        return "TurnAllocation[" + relayed + " on " + server() + ", " + state + "]";
    }

    // ---- on the executor -----------------------------------------------------------------------------

    void start(TurnResponse allocated) {
        refreshed(allocated);
        periodically(permissionRefreshNanos, this::refreshPermissions);
        periodically(channelRefreshNanos, this::refreshChannels);
        schedule(LIVENESS_IDLE_NANOS, this::checkLiveness);
    }

    /**
     * Once the server has been silent for {@link TurnTimings#LIVENESS_IDLE}, asks it for a Binding on its own short
     * schedule. No answer at all (and nothing else heard meanwhile): the server is gone. An answer that sees us
     * at another address than the allocation did: our NAT rebound, the server no longer knows us on the
     * allocation's 5-tuple. Either way the allocation is lost at once rather than at the next Refresh.
     */
    private void checkLiveness() {
        long silent = System.nanoTime() - client.lastHeardNanos();
        if (silent < LIVENESS_IDLE_NANOS) {
            schedule(LIVENESS_IDLE_NANOS - silent, this::checkLiveness);
            return;
        }
        long started = System.nanoTime();
        client.check(LIVENESS_SCHEDULE).whenComplete((response, error) -> {
            if (state != State.ACTIVE) {
                return;
            }
            if (error == null && response.success() && mapped != null && response.mapped() != null
                    && !mapped.equals(response.mapped())) {
                lost(new AllocationLoss(AllocationLoss.Cause.MAPPING_CHANGED, "the server now sees us at "
                        + response.mapped() + ", the allocation was made from " + mapped));
                return;
            }
            if (error != null && TurnException.unwrap(error) instanceof TurnTimeoutException timeout
                    && client.lastHeardNanos() - started < 0) {
                lost(new AllocationLoss(AllocationLoss.Cause.SERVER_UNREACHABLE,
                        "liveness check (Binding): " + timeout.getMessage()));
                return;
            }
            // Answered (a refusal still proves the server alive), or heard from meanwhile: wait for silence again.
            schedule(LIVENESS_IDLE_NANOS, this::checkLiveness);
        });
    }

    /** The transport reported trouble: check with a Refresh, at most once per growing while. */
    void probe(Throwable cause) {
        long now = System.nanoTime();
        if (state != State.ACTIVE || refreshing || noProbeBefore - now > 0) {
            return;
        }
        noProbeBefore = now + probes.nextDelayNanos();
        refresh("checking after " + cause);
    }

    void lost(AllocationLoss why) {
        if (state != State.ACTIVE) {
            return;
        }
        state = State.LOST;
        loss = why;
        cancelTimers();
        LOG.info("TURN allocation {} on {} lost: {}", relayed, server(), why);
        client.refuseRequests(new AllocationLostException(why));
        notifyLost();
    }

    /** Stops everything and deletes the allocation on the server; completes when it answered or after a short wait. */
    CompletableFuture<Void> delete() {
        boolean wasActive = state == State.ACTIVE;
        state = State.CLOSED;
        cancelTimers();
        CompletableFuture<Void> deleted = new CompletableFuture<>();
        if (!wasActive) {
            deleted.complete(null);
            return deleted;
        }
        ScheduledFuture<?> giveUp = executor.schedule(() -> deleted.complete(null),
                TurnTimings.CLOSE_DELETE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        client.exchange(StunMethod.REFRESH, List.of(new Lifetime(0))).whenComplete((response, error) -> {
            giveUp.cancel(false);
            deleted.complete(null);
        });
        return deleted;
    }

    /**
     * Delivers a ChannelData frame from the server; false when it is malformed or names a channel this
     * allocation never bound, so that the caller counts it as refused instead of it vanishing silently.
     */
    boolean receiveChannelData(ByteBuf frame) {
        ChannelDataFrame message;
        try {
            message = ChannelData.decode(frame);
        } catch (StunParseException e) {
            LOG.debug("dropping malformed ChannelData from {}: {}", server(), e.getMessage());
            return false;
        }
        ChannelBinding channel = channels.byNumber(message.channel());
        if (channel == null) {
            return false;
        }
        channel.used = true;
        deliver(channel.peer, message.payload());
        return true;
    }

    void receiveDataIndication(StunMessage indication) {
        Optional<XorAddress> peer = indication.xorAddress(AttributeType.XOR_PEER_ADDRESS);
        Optional<Data> data = indication.attribute(Data.class);
        if (peer.isPresent() && data.isPresent()) {
            deliver(peer.get().address(), data.get().payload());
        }
    }

    private void deliver(InetSocketAddress peer, ByteBuf payload) {
        if (state != State.ACTIVE) {
            return;
        }
        Permission permission = permissions.get(peer.getAddress());
        if (permission != null) {
            permission.used = true;
        }
        TurnDataListener listener = dataListener;
        if (listener == null) {
            return;
        }
        try {
            listener.onData(peer, payload);
        } catch (RuntimeException e) {
            LOG.warn("TURN data listener failed", e);
        }
    }

    /** Every request of this allocation goes through here: a 437 to any of them means it is gone. */
    private CompletableFuture<TurnResponse> request(int method, List<StunAttribute> attributes) {
        return client.exchange(method, attributes).thenApply(response -> {
            if (response.errorCode() == 437) {
                lost(new AllocationLoss(AllocationLoss.Cause.ALLOCATION_MISMATCH,
                        StunMethod.name(method) + " got 437 " + response.errorReason()));
            }
            return response;
        });
    }

    private void refresh(String why) {
        if (refreshing || state != State.ACTIVE) {
            return;
        }
        refreshing = true;
        List<StunAttribute> attributes = requestedLifetime == null ? List.of() : List.of(requestedLifetime);
        request(StunMethod.REFRESH, attributes).whenComplete((response, error) -> {
            refreshing = false;
            if (state != State.ACTIVE) {
                return;
            }
            if (error != null) {
                Throwable cause = TurnException.unwrap(error);
                if (cause instanceof TurnTimeoutException) {
                    lost(new AllocationLoss(AllocationLoss.Cause.SERVER_UNREACHABLE,
                            "Refresh (" + why + "): " + cause.getMessage()));
                } else {
                    retryRefresh(cause.toString());
                }
            } else if (response.success()) {
                refreshed(response);
            } else {
                retryRefresh(TurnErrorResponseException.of(response).getMessage());
            }
        });
    }

    private void refreshed(TurnResponse response) {
        if (response.lifetimeSeconds() > 0) {
            lifetimeSeconds = response.lifetimeSeconds();
        } else if (lifetimeSeconds == 0) {
            lifetimeSeconds = TurnTimings.DEFAULT_ALLOCATION_LIFETIME.getSeconds();
        }
        Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
        expiresAt = response.sentNanos() + lifetime.toNanos();
        refreshFailures.reset();
        scheduleRefresh(refreshDelay(lifetime).toNanos(), "lifetime");
    }

    /**
     * DESIGN decision 2: min(lifetime − 60 s, lifetime / 2), which is half of any lifetime up to 120 s and
     * leaves 60 s (a whole UDP retransmission schedule) before longer ones end. Never under a quarter of
     * the lifetime, for the short lifetimes only tests use, where lifetime − 60 s would be negative.
     */
    static Duration refreshDelay(Duration lifetime) {
        Duration ahead = lifetime.minus(TurnTimings.REFRESH_MARGIN);
        Duration half = lifetime.dividedBy(2);
        Duration earliest = lifetime.dividedBy(4);
        Duration delay = ahead.compareTo(half) < 0 ? ahead : half;
        return delay.compareTo(earliest) < 0 ? earliest : delay;
    }

    private void retryRefresh(String why) {
        long now = System.nanoTime();
        long delay = refreshFailures.nextDelayNanos();
        if (now + delay - expiresAt >= 0) {
            LOG.debug("Refresh failed ({}); the allocation expires before another try", why);
            schedule(Math.max(0, expiresAt - now), () -> lost(new AllocationLoss(AllocationLoss.Cause.EXPIRED,
                    "refreshes failed until the lifetime ran out; last: " + why)));
        } else {
            LOG.debug("Refresh failed ({}); trying again in {} ms", why, TimeUnit.NANOSECONDS.toMillis(delay));
            scheduleRefresh(delay, why);
        }
    }

    private void scheduleRefresh(long delayNanos, String why) {
        if (refreshTimer != null) {
            refreshTimer.cancel(false);
            timers.remove(refreshTimer);
        }
        refreshTimer = schedule(delayNanos, () -> refresh(why));
    }

    private void refreshPermissions() {
        long now = System.nanoTime();
        List<InetAddress> due = permissions.takeUsed(now);
        permissions.prune(now);
        if (due.isEmpty()) {
            return;
        }
        permissions.install(due).whenComplete((outcome, error) -> {
            if (state != State.ACTIVE) {
                return;
            }
            if (outcome.unanswered().isEmpty()) {
                permissionFailures.reset();
                return;
            }
            outcome.unanswered().forEach(a -> permissions.entry(a).used = true);
            schedule(permissionFailures.nextDelayNanos(), this::refreshPermissions);
        });
    }

    private void refreshChannels() {
        long now = System.nanoTime();
        for (ChannelBinding channel : channels.all()) {
            if (channel.used && channel.mayRetryAt(now)) {
                channel.used = false;
                channels.bind(channel);
            }
        }
    }

    private void requestBind(ChannelBinding channel) {
        try {
            executor.execute(() -> {
                if (state == State.ACTIVE) {
                    channels.bind(channel);
                } else {
                    channel.requested.set(false);
                }
            });
        } catch (RejectedExecutionException closed) {
            channel.requested.set(false);
        }
    }

    private void notifyLost() {
        AllocationLossListener listener = lossListener;
        if (listener != null) {
            lossListener = null;
            try {
                listener.onLost(loss);
            } catch (RuntimeException e) {
                LOG.warn("TURN loss listener failed", e);
            }
        }
    }

    private void onExecutor(CompletableFuture<?> result, Runnable task) {
        try {
            executor.execute(() -> {
                if (state == State.ACTIVE) {
                    task.run();
                } else {
                    result.completeExceptionally(notActive());
                }
            });
        } catch (RejectedExecutionException closed) {
            result.completeExceptionally(notActive());
        }
    }

    private AllocationLostException notActive() {
        AllocationLoss l = loss;
        return l != null ? new AllocationLostException(l) : new AllocationLostException("the allocation is closed");
    }

    private void periodically(long intervalNanos, Runnable task) {
        schedule(intervalNanos, () -> {
            task.run();
            periodically(intervalNanos, task);
        });
    }

    /** A timer that does nothing once the allocation is lost or closed, and is cancelled then. */
    private ScheduledFuture<?> schedule(long delayNanos, Runnable task) {
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = executor.schedule(() -> {
            timers.remove(self[0]);
            if (state == State.ACTIVE) {
                task.run();
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
        timers.add(self[0]);
        return self[0];
    }

    private void cancelTimers() {
        for (ScheduledFuture<?> timer : timers) {
            timer.cancel(false);
        }
        timers.clear();
    }

    /** Lifetime − 60 s (240 s of a permission's 300, 540 s of a channel's 600); half of short test lifetimes. */
    private static long refreshAhead(Duration lifetime) {
        long nanos = lifetime.toNanos();
        long margin = TurnTimings.REFRESH_MARGIN.toNanos();
        return nanos > 2 * margin ? nanos - margin : nanos / 2;
    }

    private ByteBuf channelData(int number, ByteBuf payload) {
        ByteBuf frame = transport.alloc().buffer(ChannelData.HEADER_LENGTH + payload.readableBytes() + 3);
        ChannelData.encode(frame, number, payload, transport.isStream());
        return frame;
    }

    private ByteBuf sendIndication(InetSocketAddress peer, ByteBuf payload) {
        return StunMessage.builder(StunMethod.SEND, StunClass.INDICATION, indicationId())
                .add(XorAddress.peer(peer))
                .add(new Data(payload))
                .encode(transport.alloc(), Integrity.NONE, false);
    }

    /**
     * Indications get no answer, so nobody can forge one to them and the SecureRandom that request ids
     * need (and its contention on the data path) buys nothing here.
     */
    private static TransactionId indicationId() {
        byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        return TransactionId.of(id);
    }
}
