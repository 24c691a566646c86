package dev.punchline.ice.control;

import dev.punchline.ice.IceTimings;
import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.MappedAddress;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.TransactionId;
import dev.punchline.turn.wire.XorAddress;
import io.netty.buffer.ByteBufAllocator;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Server-reflexive gathering with our own Binding requests, sent from our sockets. ice4j's
 * StunCandidateHarvester would do it too, but it sets process-wide retransmission properties (shortening
 * every connectivity check's transaction), starts a keep-alive thread per harvest and runs on the harvester
 * pool whose non-daemon threads linger 60 s; the peer's connectivity checks keep our NAT mapping alive anyway.
 * Runs on the control executor; responses arrive through {@link #offer} on the socket's thread.
 */
final class SrflxProbe {

    /** What the probe found. Called on the control executor. */
    interface Sink {
        void mapped(LocalEndpoint endpoint, InetSocketAddress server, InetSocketAddress mapped);

        void done();
    }

    private static final class Attempt {
        final LocalEndpoint endpoint;
        final InetSocketAddress server;
        final TransactionId id = TransactionId.random();
        final long startNanos = System.nanoTime();
        boolean finished;

        Attempt(LocalEndpoint endpoint, InetSocketAddress server) {
            this.endpoint = endpoint;
            this.server = server;
        }
    }

    private final SerialExecutor control;
    private final Sink sink;
    private final Map<TransactionId, Attempt> attempts = new ConcurrentHashMap<>();
    private int unfinished;
    private volatile boolean cancelled;

    SrflxProbe(SerialExecutor control, Sink sink) {
        this.control = control;
        this.sink = sink;
    }

    /** Asks every server from every endpoint of the same address family; on the control executor. */
    void start(List<LocalEndpoint> endpoints, List<InetSocketAddress> servers) {
        for (LocalEndpoint endpoint : endpoints) {
            for (InetSocketAddress server : servers) {
                if (sameFamily(endpoint.address(), server)) {
                    Attempt attempt = new Attempt(endpoint, server);
                    attempts.put(attempt.id, attempt);
                    unfinished++;
                }
            }
        }
        if (unfinished == 0) {
            sink.done();
            return;
        }
        for (Attempt attempt : List.copyOf(attempts.values())) {
            transmit(attempt, IceTimings.SRFLX_INITIAL_RTO.toNanos());
        }
    }

    /** Takes a response to one of our requests (any thread); false if it is not ours. */
    boolean offer(StunMessage response) {
        Attempt attempt = attempts.get(response.transactionId());
        if (attempt == null) {
            return false;
        }
        Optional<InetSocketAddress> mapped = response.messageClass() == StunClass.SUCCESS_RESPONSE
                ? mappedAddress(response) : Optional.empty();
        control.execute(() -> {
            if (!attempt.finished && !cancelled) {
                mapped.ifPresent(address -> sink.mapped(attempt.endpoint, attempt.server, address));
                finish(attempt);
            }
        });
        return true;
    }

    /** Stops retransmitting and reporting; any thread. */
    void cancel() {
        cancelled = true;
        attempts.clear();
    }

    private void transmit(Attempt attempt, long rtoNanos) {
        if (attempt.finished || cancelled) {
            return;
        }
        long left = IceTimings.SRFLX_GIVE_UP.toNanos() - (System.nanoTime() - attempt.startNanos);
        if (left <= 0) {
            finish(attempt);
            return;
        }
        attempt.endpoint.sender().send(
                StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, attempt.id)
                        .encode(ByteBufAllocator.DEFAULT, Integrity.NONE, true),
                attempt.server);
        control.schedule(() -> transmit(attempt, rtoNanos * 2), Math.min(rtoNanos, left), TimeUnit.NANOSECONDS);
    }

    private void finish(Attempt attempt) {
        attempt.finished = true;
        attempts.remove(attempt.id);
        if (--unfinished == 0 && !cancelled) {
            sink.done();
        }
    }

    private static Optional<InetSocketAddress> mappedAddress(StunMessage response) {
        return response.xorAddress(AttributeType.XOR_MAPPED_ADDRESS).map(XorAddress::address)
                .or(() -> response.attribute(MappedAddress.class).map(MappedAddress::address));
    }

    private static boolean sameFamily(InetSocketAddress a, InetSocketAddress b) {
        return !b.isUnresolved() && (a.getAddress() instanceof Inet4Address) == (b.getAddress() instanceof Inet4Address);
    }
}
