package dev.punchline.turn.client;

import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.TransactionId;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's requests in flight: sends them, retransmits them over UDP (RFC 8489 §6.2.1), gives up on
 * them, and matches responses to them by transaction id. Everything but {@link #offer} runs on the
 * client's executor; {@code offer} may be called from the thread that read the response.
 */
final class StunTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(StunTransactions.class);

    private final Map<TransactionId, Pending> pending = new ConcurrentHashMap<>();
    private final EventExecutor executor;
    private final RetransmissionPolicy policy;
    private TurnTransport transport;
    private TurnException refusal;

    private static final class Pending {
        final int method;
        final TransactionId id;
        final ByteBuf frame;
        final byte[] key;
        final RetransmissionPolicy policy;
        final CompletableFuture<TurnResponse> future = new CompletableFuture<>();
        final long firstSentNanos = System.nanoTime();
        int transmissions;
        ScheduledFuture<?> timer;

        Pending(int method, TransactionId id, ByteBuf frame, byte[] key, RetransmissionPolicy policy) {
            this.method = method;
            this.id = id;
            this.frame = frame;
            this.key = key;
            this.policy = policy;
        }
    }

    StunTransactions(EventExecutor executor, RetransmissionPolicy policy) {
        this.executor = executor;
        this.policy = policy;
    }

    void transport(TurnTransport transport) {
        this.transport = transport;
    }

    /**
     * Sends a request and follows it to its answer. Takes ownership of {@code frame}. A response is
     * accepted only with valid integrity under {@code key} when a key was used (RFC 8489 §9.2.5: anything
     * else is discarded as if never received); error responses may come unsigned, as 401 and 438 must.
     */
    CompletableFuture<TurnResponse> start(int method, TransactionId id, ByteBuf frame, byte[] key) {
        return start(method, id, frame, key, policy);
    }

    /** {@link #start(int, TransactionId, ByteBuf, byte[])} on a schedule of its own rather than the client's. */
    CompletableFuture<TurnResponse> start(int method, TransactionId id, ByteBuf frame, byte[] key,
                                          RetransmissionPolicy schedule) {
        if (refusal != null) {
            frame.release();
            return CompletableFuture.failedFuture(refusal);
        }
        Pending p = new Pending(method, id, frame, key, schedule);
        pending.put(id, p);
        transmit(p);
        return p.future;
    }

    /**
     * Takes a response if it answers one of our requests; the caller keeps ownership of {@code message}.
     * Returns false for transaction ids we never sent (or gave up on), so the caller can route it elsewhere.
     */
    boolean offer(StunMessage message) {
        Pending p = pending.get(message.transactionId());
        if (p == null) {
            return false;
        }
        if (executor.inEventLoop()) {
            answer(p, message);
        } else {
            message.retain();
            executor.execute(() -> {
                try {
                    answer(p, message);
                } finally {
                    message.release();
                }
            });
        }
        return true;
    }

    /** Fails every request in flight with {@code cause}, and every later one at once: nothing more is sent. */
    void refuseAll(TurnException cause) {
        refusal = cause;
        List<Pending> all = new ArrayList<>(pending.values());
        for (Pending p : all) {
            finish(p);
            p.future.completeExceptionally(cause);
        }
    }

    private void transmit(Pending p) {
        if (pending.get(p.id) != p) {
            return;
        }
        p.transmissions++;
        try {
            transport.send(p.frame.retainedDuplicate());
        } catch (RuntimeException e) {
            LOG.debug("sending {} failed", p.id, e);
        }
        if (transport.isStream()) {
            p.timer = schedule(() -> timeOut(p), p.policy.streamTimeout());
        } else if (p.transmissions >= p.policy.maxTransmissions()) {
            p.timer = schedule(() -> timeOut(p), p.policy.waitAfter(p.transmissions));
        } else {
            p.timer = schedule(() -> transmit(p), p.policy.waitAfter(p.transmissions));
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void timeOut(Pending p) {
        if (pending.get(p.id) != p) {
            return;
        }
        finish(p);
        Duration waited = Duration.ofNanos(System.nanoTime() - p.firstSentNanos);
        p.future.completeExceptionally(new TurnTimeoutException(p.method, p.transmissions, waited));
    }

    private void answer(Pending p, StunMessage m) {
        if (pending.get(p.id) != p || m.method() != p.method) {
            return;
        }
        if (p.key != null && (m.hasIntegrity() ? !m.verifyIntegrity(p.key)
                : m.messageClass() == StunClass.SUCCESS_RESPONSE)) {
            LOG.debug("discarding a {} response whose integrity does not check", p.id);
            return;
        }
        finish(p);
        p.future.complete(TurnResponse.of(m, p.firstSentNanos));
    }

    private void finish(Pending p) {
        if (pending.remove(p.id, p)) {
            if (p.timer != null) {
                p.timer.cancel(false);
            }
            p.frame.release();
        }
    }
}
