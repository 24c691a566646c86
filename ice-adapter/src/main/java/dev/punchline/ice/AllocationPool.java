package dev.punchline.ice;

import dev.punchline.ice.net.UdpEndpoint;
import dev.punchline.ice.net.UdpEndpointConfig;
import dev.punchline.turn.client.RetransmissionPolicy;
import dev.punchline.turn.client.TransportProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * TURN allocations made ahead of need, so that a session starts without the relay's round trips
 * ({@link Session#open(SessionConfig, SessionListener, Prepared)}). It keeps {@code perRelay} allocations ready
 * on each UDP relay, each on a socket of its own (a TURN server keys allocations on the client's address),
 * every configured relay pre-permitted on each. The TURN client refreshes each allocation itself; one that is
 * lost while it waits is replaced, and so is one that is taken.
 */
public final class AllocationPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AllocationPool.class);

    private final List<RelayServer> relays;
    private final InetAddress bind;
    private final int perRelay;
    private final Map<RelayServer, ConcurrentLinkedDeque<Prepared>> ready = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private AllocationPool(List<RelayServer> relays, InetAddress bind, int perRelay) {
        this.relays = relays.stream().filter(r -> r.protocol() == TransportProtocol.UDP).toList();
        this.bind = bind;
        this.perRelay = perRelay;
    }

    /**
     * Starts filling: {@code perRelay} allocations on each UDP relay of {@code relays}, from sockets bound to
     * {@code bind} (a concrete local address). Returns at once; {@link #take} finds what is ready.
     */
    public static AllocationPool start(List<RelayServer> relays, InetAddress bind, int perRelay) {
        Objects.requireNonNull(bind, "bind");
        if (perRelay < 1) {
            throw new IllegalArgumentException("perRelay: at least 1, got " + perRelay);
        }
        AllocationPool pool = new AllocationPool(List.copyOf(relays), bind, perRelay);
        for (RelayServer relay : pool.relays) {
            pool.ready.put(relay, new ConcurrentLinkedDeque<>());
            for (int i = 0; i < perRelay; i++) {
                pool.refill(relay);
            }
        }
        return pool;
    }

    /** A ready allocation on {@code relay}, if one is; a replacement is made at once. */
    public Optional<Prepared> take(RelayServer relay) {
        ConcurrentLinkedDeque<Prepared> queue = ready.get(relay);
        Prepared prepared = queue == null ? null : queue.pollFirst();
        while (prepared != null && !prepared.leg().allocation().isActive()) {
            prepared.close();
            prepared = queue.pollFirst();
        }
        if (prepared != null) {
            refill(relay);
        }
        return Optional.ofNullable(prepared);
    }

    /** A ready allocation on the first relay (in the configured order) that has one. */
    public Optional<Prepared> take() {
        for (RelayServer relay : relays) {
            Optional<Prepared> prepared = take(relay);
            if (prepared.isPresent()) {
                return prepared;
            }
        }
        return Optional.empty();
    }

    /** How many allocations wait on {@code relay}. */
    public int readyCount(RelayServer relay) {
        ConcurrentLinkedDeque<Prepared> queue = ready.get(relay);
        return queue == null ? 0 : queue.size();
    }

    /** Deletes every waiting allocation and closes its socket; taken ones are their sessions'. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ConcurrentLinkedDeque<Prepared> queue : ready.values()) {
            Prepared p;
            while ((p = queue.pollFirst()) != null) {
                p.close();
            }
        }
    }

    private void refill(RelayServer relay) {
        if (closed.get()) {
            return;
        }
        UdpEndpoint endpoint;
        try {
            endpoint = UdpEndpoint.open(UdpEndpointConfig.of(new InetSocketAddress(bind, 0)));
        } catch (IOException e) {
            LOG.warn("allocation pool: cannot bind on {}: {}", bind, e.toString());
            return;
        }
        Set<InetAddress> permit = new LinkedHashSet<>();
        relays.forEach(r -> permit.addAll(r.permitAddresses()));
        RelayLeg.allocate(relay, RetransmissionPolicy.rfc8489(), endpoint, endpoint.eventLoop())
                .orTimeout(IceTimings.RELAY_SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(leg -> leg.allocation().permit(new ArrayList<>(permit)).thenApply(v -> leg))
                .whenComplete((leg, error) -> {
                    if (error != null) {
                        LOG.warn("allocation pool: {} refused: {}", relay.address(), error.toString());
                        endpoint.eventLoop().execute(endpoint::close);
                        return;
                    }
                    Prepared prepared = new Prepared(endpoint, leg);
                    ConcurrentLinkedDeque<Prepared> queue = ready.get(relay);
                    queue.addLast(prepared);
                    leg.allocation().onLost(loss -> {
                        if (queue.remove(prepared)) {
                            LOG.info("allocation pool: a waiting allocation on {} was lost ({}); replacing it",
                                    relay.address(), loss);
                            prepared.closeLater();
                            refill(relay);
                        }
                    });
                    if (closed.get() && queue.remove(prepared)) {
                        prepared.closeLater();
                    }
                });
    }

    /** An allocation and the socket it was made from, ready for a session to take over. */
    public static final class Prepared implements AutoCloseable {
        private final UdpEndpoint endpoint;
        private final RelayLeg leg;

        private Prepared(UdpEndpoint endpoint, RelayLeg leg) {
            this.endpoint = endpoint;
            this.leg = leg;
        }

        public InetSocketAddress relayedAddress() {
            return leg.relayed();
        }

        public RelayServer relay() {
            return leg.server();
        }

        UdpEndpoint endpoint() {
            return endpoint;
        }

        RelayLeg leg() {
            return leg;
        }

        /** Deletes the allocation and closes the socket (not from the socket's own thread). */
        @Override
        public void close() {
            leg.allocation().closeAsync().orTimeout(1, TimeUnit.SECONDS).exceptionally(e -> null).join();
            endpoint.close();
        }

        private void closeLater() {
            new Thread(this::close, "punchline-pool-close").start();
        }
    }
}
