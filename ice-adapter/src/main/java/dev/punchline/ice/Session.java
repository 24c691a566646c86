package dev.punchline.ice;

import dev.punchline.ice.control.CandidateKind;
import dev.punchline.ice.control.IceCandidate;
import dev.punchline.ice.control.IceControlListener;
import dev.punchline.ice.control.IceController;
import dev.punchline.ice.control.IceControllerConfig;
import dev.punchline.ice.control.IceRole;
import dev.punchline.ice.control.LocalEndpoint;
import dev.punchline.ice.control.RelayEndpoint;
import dev.punchline.ice.control.ValidPair;
import dev.punchline.ice.link.Link;
import dev.punchline.ice.link.LinkListener;
import dev.punchline.ice.link.LinkPath;
import dev.punchline.ice.link.LinkScheduler;
import dev.punchline.ice.link.LinkStats;
import dev.punchline.ice.link.PathChange;
import dev.punchline.ice.link.PathHandle;
import dev.punchline.ice.link.PathKind;
import dev.punchline.ice.link.PathState;
import dev.punchline.ice.net.DemuxCounters;
import dev.punchline.ice.net.PacketClass;
import dev.punchline.ice.net.Registration;
import dev.punchline.ice.net.UdpEndpoint;
import dev.punchline.ice.net.UdpEndpointConfig;
import dev.punchline.ice.net.Via;
import dev.punchline.ice.sdp.Candidate;
import dev.punchline.ice.sdp.CandidateType;
import dev.punchline.ice.sdp.IceCredentials;
import dev.punchline.ice.sdp.IceOptions;
import dev.punchline.turn.client.AllocationLoss;
import dev.punchline.turn.client.TransportProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A relay-first connection to one peer (DESIGN decisions 1–4): data goes through our TURN allocation to the
 * peer's relayed address from the first packet, ICE looks for a direct path meanwhile, and the Link moves the
 * data onto a direct path as soon as ICE validates it (with a copy on the relay until its own probes confirm the
 * path) — without loss or reordering — and back to the relay when it fails.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * Session session = Session.open(config, listener).get();       // allocated, permissions for every relay installed
 * SessionDescription offer = session.localDescription();         // ufrag, pwd, candidates, the relay one as default
 * // ... signal it; the peer's session applies it and answers ...
 * CompletableFuture<Void> permitted = session.applyRemoteDescription(answer); // data may flow now
 * session.send(payload);                                         // through the relay at once, direct later
 * session.addRemoteCandidate(trickled, ufrag); session.endOfRemoteCandidates(ufrag);
 * session.close();
 * }</pre>
 * Data may be sent as soon as {@link #applyRemoteDescription} has been called: the first packets go relay to
 * relay, which every allocation pre-permits. The answerer applies the offer before it hands out its answer, and
 * waits for the returned future: it completes once the offer's candidates are permitted on our allocation, so the
 * offerer's first checks and packets, which may beat the answer, are not dropped by our relay. Frames that arrive
 * before the remote description is applied are kept (a few) and delivered after it.
 *
 * <h2>Description changes</h2>
 * A session announces a new local description through {@link SessionListener#localDescriptionChanged} when it
 * restarts ICE (a re-probe of direct paths, {@link #restartIce()}) and when it replaced a lost TURN allocation
 * (the relay died, or a NAT rebinding made the server see us at a new address). Every such description carries
 * new credentials (a new relay always comes with an ICE restart, because ice4j checks no candidate added to a
 * running Agent) and its relayed candidate, the default, is the current allocation's. The receiving side:
 * <ol>
 * <li>applies the whole description with {@link #applyRemoteDescription} — never only its candidates through
 *     {@link #addRemoteCandidate}: that permits its addresses on the receiver's allocation, moves the receiver's
 *     relay path to the new relayed address, and starts checks with a fresh Agent of its own;
 * <li>then itself announces a new description (its answering credentials), which must travel back and be applied
 *     the same way;
 * <li>receives the candidates trickled after it, which name the new ufrag; one that overtakes its description
 *     is held until the description is applied, and one of a retired ufrag is dropped.
 * </ol>
 * Signal descriptions and candidates in the order they were reported, off the session's thread. Until the
 * exchange is done the data stays on whatever path still works (a direct path is not given up for it).
 *
 * <h2>Consent</h2>
 * Sending before any check has succeeded is allowed only towards a peer whose description offered Punchline
 * framing, and is rate-limited by the Link's token bucket until the peer's first packet arrives. Towards a
 * standard peer nothing is sent before ICE validated a pair, and packets go bare.
 *
 * <h2>Threads</h2>
 * A session runs on one event loop (its sockets', its Link's); the listener is called there. Methods may be
 * called from any thread; {@link #close()} must not be called from a listener.
 */
public final class Session implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    /** Frames kept while the remote description is not applied yet: the peer's first packets can beat its answer. */
    private static final int EARLY_FRAMES = 64;

    private final SessionConfig config;
    private final SessionListener listener;
    private final EventLoop loop;
    private final List<UdpEndpoint> endpoints;
    private final List<Registration> routes = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final BadInputTally badInput = new BadInputTally();
    private final List<RelayServer> relayRanking;

    private volatile IceController ice;
    private volatile RelayLeg relay;
    private volatile SessionPath current;
    private volatile String iceRelayReason;
    /** Why the next ICE restart happens, when the session started it for a new relay; said with its announcement. */
    private final AtomicReference<String> restartCause = new AtomicReference<>();

    // Event loop only.
    private Link link;
    private InetSocketAddress peerRelay;
    private String remoteUfrag;
    private boolean framing;
    private PathHandle relayHandle;
    private final Map<DirectKey, PathHandle> directs = new HashMap<>();
    private final ArrayDeque<Early> early = new ArrayDeque<>();
    private final Set<InetAddress> remoteIps = new LinkedHashSet<>();

    private record DirectKey(InetSocketAddress local, InetSocketAddress remote) {
    }

    private record Early(ByteBuf datagram, InetSocketAddress from, boolean relayed, InetSocketAddress local) {
    }

    private Session(SessionConfig config, SessionListener listener, List<UdpEndpoint> endpoints,
                    List<RelayServer> relayRanking) {
        this.config = config;
        this.listener = listener;
        this.endpoints = endpoints;
        this.loop = endpoints.get(0).eventLoop();
        this.relayRanking = new CopyOnWriteArrayList<>(relayRanking);
    }

    /**
     * Opens a session: binds its sockets, allocates on a relay (as {@link SessionConfig#relaySelection()} says),
     * pre-permits every configured relay's addresses on the allocation, and starts ICE gathering. Completes when
     * {@link #localDescription()} has its relayed and host candidates; fails if no relay grants an allocation.
     */
    public static CompletableFuture<Session> open(SessionConfig config, SessionListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        List<UdpEndpoint> endpoints;
        try {
            endpoints = openEndpoints(config, null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        Session session = new Session(config, listener, endpoints, config.relays());
        return session.start(null);
    }

    /**
     * Opens a session on an allocation made beforehand (see {@link AllocationPool}): no relay round trip is spent
     * here. The session takes over the allocation and its socket and closes them on {@link #close()}.
     */
    public static CompletableFuture<Session> open(SessionConfig config, SessionListener listener,
                                                  AllocationPool.Prepared prepared) {
        Objects.requireNonNull(prepared, "prepared");
        List<UdpEndpoint> endpoints;
        try {
            endpoints = openEndpoints(config, prepared.endpoint());
        } catch (IOException e) {
            prepared.close();
            return CompletableFuture.failedFuture(e);
        }
        List<RelayServer> ranking = new ArrayList<>(config.relays());
        ranking.remove(prepared.leg().server());
        ranking.add(0, prepared.leg().server());
        Session session = new Session(config, listener, endpoints, ranking);
        return session.start(prepared.leg());
    }

    /** The first socket has a thread of its own (or is the pool's); the others share it, so the session has one thread. */
    private static List<UdpEndpoint> openEndpoints(SessionConfig config, UdpEndpoint first) throws IOException {
        List<UdpEndpoint> opened = new ArrayList<>();
        try {
            if (first != null) {
                opened.add(first);
            }
            for (InetSocketAddress bind : config.bindAddresses()) {
                if (first != null && bind.getAddress().equals(first.localAddress().getAddress())) {
                    continue; // The pooled socket stands for this bind address.
                }
                UdpEndpointConfig c = UdpEndpointConfig.of(bind);
                opened.add(UdpEndpoint.open(opened.isEmpty() ? c : c.withGroup(opened.get(0).eventLoop())));
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                if (opened.get(i) != first) {
                    opened.get(i).close();
                }
            }
            throw e;
        }
    }

    private CompletableFuture<Session> start(RelayLeg prepared) {
        for (UdpEndpoint endpoint : endpoints) {
            routes.add(endpoint.demultiplexer().setFallback(PacketClass.STUN, this::stunArrived));
            routes.add(endpoint.demultiplexer().setFallback(PacketClass.LINK_FRAME, this::frameArrived));
        }
        CompletableFuture<RelayLeg> leg = prepared != null ? CompletableFuture.completedFuture(prepared)
                : config.relaySelection() == RelaySelection.LOWEST_RTT ? allocateFastest() : allocateInOrder(relayRanking);
        return leg.thenCompose(this::prepareRelay)
                .thenApplyAsync(this::startIce)
                .whenComplete((s, error) -> {
                    if (error != null) {
                        CompletableFuture.runAsync(this::close); // Maybe on the session's thread, which close() waits for.
                    }
                });
    }

    // ---- public API ------------------------------------------------------------------------------------

    /**
     * The local description now: credentials, {@code trickle} (and {@code punchline} if offered), the candidates
     * gathered so far, our relayed candidate as the default. Later candidates come through
     * {@link SessionListener#localCandidate}.
     */
    public SessionDescription localDescription() {
        IceController controller = requireIce();
        RelayLeg leg = relay;
        List<Candidate> candidates = new ArrayList<>();
        Candidate relayed = null;
        for (IceCandidate c : controller.localCandidates()) {
            Candidate sdp = Candidates.toSdp(c);
            if (c.kind() == CandidateKind.RELAYED) {
                if (leg == null || !c.address().equals(leg.relayed())) {
                    continue; // A lost allocation's: the controller still knows it, the peer must not use it.
                }
                relayed = sdp;
            }
            candidates.add(sdp);
        }
        if (relayed == null && leg != null) {
            relayed = Candidates.relayed(leg.relayed(), leg.allocation().mappedAddress().orElse(null));
            candidates.add(relayed);
        }
        IceOptions options = config.offerPunchline() ? IceOptions.of(IceOptions.TRICKLE, IceOptions.PUNCHLINE)
                : IceOptions.of(IceOptions.TRICKLE);
        return new SessionDescription(new IceCredentials(controller.localUfrag(), controller.localPassword()), options,
                candidates, relayed);
    }

    /**
     * Applies the peer's description. At once (before this returns, as far as {@link #send} is concerned): the
     * Link is set up, the relay path to the peer's relayed address is added — data sent from now on goes relay to
     * relay, which both allocations pre-permit (DESIGN decision 2) — and the checks start. Meanwhile the peer's
     * candidates' addresses are permitted on our allocation and a channel is bound to its relayed address (until
     * then packets go as Send indications). The future completes when the permissions are installed: an answerer
     * waits for that before it hands out its answer, so that the offerer's first packets and checks, which may
     * beat the answer, are not dropped by our relay. A relayed address no configured relay stands for is not
     * pre-permitted: the relay path to it is added once its permission is installed. Applying a description again
     * (the peer re-allocated after a relay loss, or restarted ICE) moves the relay path to the peer's new relayed
     * address; one with neither a relayed nor a default candidate leaves the relay path as it is.
     */
    public CompletableFuture<Void> applyRemoteDescription(SessionDescription remote) {
        Objects.requireNonNull(remote, "remote");
        IceController controller = requireIce();
        String ufrag = remote.credentials().ufrag();
        List<IceCandidate> candidates = new ArrayList<>();
        for (Candidate c : remote.candidates()) {
            Candidates.fromSdp(c, ufrag).ifPresent(candidates::add);
        }
        // A description without a relayed candidate (a peer answering an ICE restart while it re-allocates, or a
        // standard peer without TURN) names no relayed address: the default candidate, if any, is the one it chose
        // to be reached at; any other candidate, its private host address say, is not one a relay can reach.
        InetSocketAddress theirRelay = remote.relayCandidate().or(() -> Optional.ofNullable(remote.defaultCandidate()))
                .flatMap(Candidate::socketAddress).orElse(null);
        List<InetAddress> ips = candidates.stream().map(c -> c.address().getAddress()).distinct().toList();
        boolean relayReady = theirRelay == null || prePermitted(theirRelay.getAddress());
        CompletableFuture<Void> applied = onLoop(() -> {
            remoteIps.addAll(ips);
            remoteUfrag = ufrag;
            boolean frame = config.offerPunchline() && remote.punchlineFraming();
            if (link == null) {
                framing = frame;
                link = Link.builder().config(config.linkConfig()).scheduler(LinkScheduler.of(loop))
                        .listener(new ToListener()).allocator(endpoints.get(0).alloc()).framing(frame)
                        .followPeer(config.role() == IceRole.CONTROLLED).build();
            }
            if (theirRelay != null && !theirRelay.equals(peerRelay)) {
                peerRelay = theirRelay;
                if (relayHandle != null) {
                    relayHandle.remove();
                    relayHandle = null;
                }
                if (framing && relayReady) {
                    addRelayPath(); // Relay first: before any check, rate-limited until the peer is heard.
                }
            }
            drainEarly();
            controller.setRemoteDescription(ufrag, remote.credentials().pwd(), candidates);
        });
        RelayLeg leg = relay;
        if (leg == null) {
            return applied;
        }
        bind(leg, theirRelay); // Not waited for: Send indications carry the first packets until it is bound.
        CompletableFuture<Void> permitted = permit(leg, ips);
        if (!relayReady) {
            permitted.thenRunAsync(() -> {
                if (framing && theirRelay.equals(peerRelay) && relayHandle == null && link != null) {
                    addRelayPath();
                }
            }, loop);
        }
        return CompletableFuture.allOf(applied, permitted);
    }

    /** A trickled remote candidate (RFC 8838); {@code ufrag} null means the current remote credentials. */
    public CompletableFuture<Void> addRemoteCandidate(Candidate candidate, String ufrag) {
        Objects.requireNonNull(candidate, "candidate");
        Optional<IceCandidate> ice = Candidates.fromSdp(candidate, ufrag);
        if (ice.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        IceCandidate c = ice.get();
        // To the checks at once: a direct check does not need our relay's permission, and the relayed checks
        // towards this candidate come last in the check list, after the permission below is in place.
        CompletableFuture<Void> added = onLoop(() -> {
            remoteIps.add(c.address().getAddress());
            requireIce().addRemoteCandidate(c);
        });
        RelayLeg leg = relay;
        return leg == null ? added : CompletableFuture.allOf(added, permit(leg, List.of(c.address().getAddress())));
    }

    /** The peer has no more candidates for {@code ufrag} (null: the current ones). */
    public void endOfRemoteCandidates(String ufrag) {
        requireIce().endOfRemoteCandidates(ufrag);
    }

    /** Starts an ICE restart (a network change): new credentials come through {@link SessionListener#localDescriptionChanged}. */
    public void restartIce() {
        requireIce().restart();
    }

    /**
     * Sends one packet to the peer; takes over the reference. Leave {@code dev.punchline.ice.link.LinkFrame.HEADER_LENGTH}
     * bytes before the reader index to spare a copy. Dropped (and counted) while there is no path yet.
     */
    public void send(ByteBuf payload) {
        if (loop.inEventLoop()) {
            sendNow(payload);
        } else {
            try {
                loop.execute(() -> sendNow(payload));
            } catch (RuntimeException e) {
                payload.release();
            }
        }
    }

    /** The path the data takes now, or null before the remote description is applied. */
    public SessionPath currentPath() {
        return current;
    }

    /** A snapshot of the Link's statistics, per path and overall; null before the remote description is applied. */
    public LinkStats statistics() {
        if (loop.inEventLoop()) {
            return link == null ? null : link.statistics();
        }
        try {
            return loop.submit(() -> link == null ? null : link.statistics()).get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return null;
        }
    }

    /** Our relayed address now (it changes after a relay loss), or null while we have none. */
    public InetSocketAddress relayedAddress() {
        RelayLeg leg = relay;
        return leg == null ? null : leg.relayed();
    }

    /** Link frames dropped because no path of ours matched their source (or none was there yet). */
    public long strayFrames() {
        return badInput.own(BadInput.FROM_UNKNOWN_SOURCE);
    }

    /**
     * The bad input dropped since the session opened, by reason: garbage, STUN without valid credentials,
     * ChannelData for unknown channels, forged Link frames, frames from unknown sources. None of it reaches ICE or
     * the Link's paths' state.
     */
    public BadInputCounts badInput() {
        List<DemuxCounters> demultiplexers = endpoints.stream()
                .map(e -> e.demultiplexer().counters()).toList();
        return badInput.snapshot(demultiplexers, statistics());
    }

    /** The UDP sockets of the session (their counters tell what the demultiplexer dropped and why). */
    public List<UdpEndpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    /**
     * Ends the session: frees ICE (bounded, see {@link IceTimings#AGENT_FREE_TIMEOUT}), closes the Link, deletes
     * the allocation, closes the sockets and their thread. Idempotent; not from the session's own thread.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (loop.inEventLoop()) {
            throw new IllegalStateException("close() would wait for the session's own thread: call it from another");
        }
        routes.forEach(Registration::close);
        IceController controller = ice;
        if (controller != null) {
            controller.close();
        }
        try {
            loop.submit(() -> {
                if (link != null) {
                    link.close();
                }
                early.forEach(e -> e.datagram().release());
                early.clear();
            }).await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("session loop already gone", e);
        }
        RelayLeg leg = relay;
        relay = null;
        if (leg != null) {
            try {
                leg.allocation().closeAsync().get(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("allocation {} did not close cleanly: {}", leg.relayed(), e.toString());
            }
        }
        for (int i = endpoints.size() - 1; i >= 0; i--) {
            endpoints.get(i).close(); // The first, whose thread the others share, last.
        }
    }

    @Override
    public String toString() {
        RelayLeg leg = relay;
        return "Session[" + endpoints.get(0).localAddress() + (leg == null ? "" : ", relay " + leg.relayed()) + "]";
    }

    // ---- relay -----------------------------------------------------------------------------------------

    private CompletableFuture<RelayLeg> allocateInOrder(List<RelayServer> order) {
        CompletableFuture<RelayLeg> result = CompletableFuture.failedFuture(
                new IOException("no relay configured"));
        for (RelayServer server : order) {
            result = result.exceptionallyCompose(previous -> {
                if (previous != null && !(previous instanceof IOException && order.get(0) == server)) {
                    LOG.debug("relay allocation failed, trying {}: {}", server.address(), previous.toString());
                }
                return RelayLeg.allocate(server, config.turnRetransmission(), endpoints.get(0), loop)
                        .orTimeout(config.relayTimeout().toMillis(), TimeUnit.MILLISECONDS);
            });
        }
        return result;
    }

    /** Allocates on every relay at once, keeps the first to answer, ranks the others by their answer's arrival. */
    private CompletableFuture<RelayLeg> allocateFastest() {
        CompletableFuture<RelayLeg> winner = new CompletableFuture<>();
        List<RelayServer> arrivals = new CopyOnWriteArrayList<>();
        AtomicLong pending = new AtomicLong(relayRanking.size());
        for (RelayServer server : relayRanking) {
            RelayLeg.allocate(server, config.turnRetransmission(), endpoints.get(0), loop)
                    .orTimeout(config.relayTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((leg, error) -> {
                        if (error == null) {
                            arrivals.add(server);
                            if (!winner.complete(leg)) {
                                leg.allocation().closeAsync();
                            }
                        }
                        if (pending.decrementAndGet() == 0) {
                            List<RelayServer> ranking = new ArrayList<>(arrivals);
                            relayRanking.stream().filter(r -> !ranking.contains(r)).forEach(ranking::add);
                            relayRanking.clear();
                            relayRanking.addAll(ranking);
                            winner.completeExceptionally(new IOException("no relay granted an allocation",
                                    error));
                        }
                    });
        }
        return winner;
    }

    /** Pre-permits every configured relay (and every remote address known): relay-to-relay passes at once. */
    private CompletableFuture<RelayLeg> prepareRelay(RelayLeg leg) {
        if (closed.get()) {
            leg.allocation().closeAsync();
            return CompletableFuture.failedFuture(new IllegalStateException("session closed"));
        }
        relay = leg;
        leg.allocation().onLost(loss -> relayLost(leg, loss));
        if (!leg.overUdp()) {
            leg.allocation().onData((peer, payload) -> {
                Via via = Via.relayed(endpoints.get(0).localAddress(), leg.server().address());
                switch (PacketClass.of(payload)) {
                    case STUN -> stunArrived(payload, peer, via);
                    case LINK_FRAME -> frameArrived(payload, peer, via);
                    case CHANNEL_DATA -> badInput.count(BadInput.UNKNOWN_CHANNEL);
                    default -> badInput.count(BadInput.MALFORMED);
                }
            });
        }
        Set<InetAddress> permit = new LinkedHashSet<>();
        config.relays().forEach(r -> permit.addAll(r.permitAddresses()));
        return leg.allocation().permit(permit)
                .orTimeout(config.relayTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((v, error) -> {
                    if (error != null) {
                        // A refused address (a relay outside the server's peer policy) costs only that relay.
                        LOG.warn("pre-permitting relays {} on {}: {}", permit, leg.relayed(), error.toString());
                    }
                    return leg;
                });
    }

    private CompletableFuture<Void> permit(RelayLeg leg, Collection<InetAddress> ips) {
        // One CreatePermission per address, all at once: a batch that holds an address the server refuses
        // (a peer's private host candidate, say) is split and asked again, a round trip more before the
        // answer can go out; separate requests cost one round trip whatever the server refuses.
        return CompletableFuture.allOf(ips.stream()
                        .map(ip -> leg.allocation().permit(List.of(ip)))
                        .toArray(CompletableFuture[]::new))
                .orTimeout(config.relayTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((v, error) -> {
                    if (error != null) {
                        LOG.warn("permissions for {} on {}: {}", ips, leg.relayed(), error.toString());
                    }
                    return null;
                });
    }

    private CompletableFuture<Void> bind(RelayLeg leg, InetSocketAddress to) {
        if (to == null) {
            return CompletableFuture.completedFuture(null);
        }
        return leg.allocation().bindChannel(to).orTimeout(config.relayTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((channel, error) -> {
            if (error != null) {
                LOG.debug("channel to {} on {}: {}", to, leg.relayed(), error.toString());
            }
            return null;
        });
    }

    /** Permissions for the peer's addresses and its relayed address's channel, both in place. */
    private CompletableFuture<Void> permitAndBind(RelayLeg leg, Collection<InetAddress> ips, InetSocketAddress to) {
        return CompletableFuture.allOf(permit(leg, ips), bind(leg, to));
    }

    /** Whether every allocation of ours permits {@code ip} from the start: it is a configured relay's. */
    private boolean prePermitted(InetAddress ip) {
        return config.relays().stream().anyMatch(r -> r.permitAddresses().contains(ip));
    }

    /**
     * Runs {@code task} on the session's thread: inline when called there, else queued — ahead of any
     * {@link #send} the caller makes afterwards, which the same thread runs in order.
     */
    private CompletableFuture<Void> onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            try {
                task.run();
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.runAsync(task, loop);
    }

    private void relayLost(RelayLeg leg, AllocationLoss loss) {
        if (closed.get() || relay != leg) {
            return;
        }
        relay = null;
        // Closing unregisters it from the socket: only then can the same server be asked again over it.
        CompletableFuture<Void> released = leg.allocation().closeAsync();
        loop.execute(() -> {
            if (relayHandle != null) {
                relayHandle.remove();
                relayHandle = null;
            }
            listener.relayLost(loss.toString());
        });
        List<RelayServer> order = new ArrayList<>(relayRanking);
        if (loss.cause() != AllocationLoss.Cause.MAPPING_CHANGED) {
            order.remove(leg.server());
            order.add(leg.server()); // Another relay first, the lost one last (it may be back).
        } // A NAT rebinding costs the allocation, not the relay: the same one first.
        released.handle((v, error) -> null).thenCompose(v -> allocateInOrder(order)).thenCompose(this::prepareRelay)
                .whenComplete((next, error) -> reallocated(next, error, loss));
    }

    private void reallocated(RelayLeg next, Throwable error, AllocationLoss loss) {
        if (error != null) {
            if (!closed.get()) {
                loop.execute(() -> listener.relayUnavailable(error));
            }
            return;
        }
        loop.execute(() -> {
            if (closed.get()) {
                return;
            }
            permitAndBind(next, List.copyOf(remoteIps), peerRelay).thenRunAsync(() -> {
                if (framing && peerRelay != null && relayHandle == null && link != null) {
                    addRelayPath();
                }
                announceRelay(next, loss);
            }, loop);
        });
    }

    /**
     * The new allocation becomes the relayed candidate of a fresh ICE Agent (an ICE restart: ice4j checks no
     * candidate added to a running Agent), so standard peers check it and a Punchline peer's Link gets a relay
     * path to it. The restart's new credentials and the new relayed candidate go out in one
     * {@link SessionListener#localDescriptionChanged}.
     */
    private void announceRelay(RelayLeg next, AllocationLoss loss) {
        IceController controller = ice;
        if (controller == null || relay != next) {
            return; // Not started yet (startIce takes the current leg), or lost again meanwhile.
        }
        restartCause.set("new relay " + next.relayed() + " after " + loss);
        controller.relayChanged(relayEndpoint(next));
    }

    private static RelayEndpoint relayEndpoint(RelayLeg leg) {
        // Bound to this allocation: once it is lost, what its Agents still send through it goes nowhere.
        return new RelayEndpoint(leg.relayed(), (datagram, to) -> leg.allocation().send(to, datagram),
                leg.server().address(), leg.allocation().mappedAddress().orElse(null));
    }

    private void addRelayPath() {
        RelayLeg leg = relay;
        if (leg == null || peerRelay == null) {
            return;
        }
        InetSocketAddress to = peerRelay;
        LinkPath path = new SessionLinkPath("relay:" + leg.relayed() + "->" + to, PathKind.RELAY,
                // A send the allocation refuses (lost, or the peer refused) is the Link's probes' to notice.
                datagram -> leg.allocation().send(to, datagram));
        relayHandle = link.addPath(path);
        if (!framing) {
            relayHandle.reportState(PathState.TRUSTED);
        }
    }

    // ---- ICE -------------------------------------------------------------------------------------------

    private Session startIce(RelayLeg leg) {
        IceControllerConfig.Builder b = IceControllerConfig.builder(config.role())
                .tuning(config.iceTuning())
                .relay(relayEndpoint(leg));
        if (config.transportPolicy() == IceTransportPolicy.ALL) {
            for (UdpEndpoint endpoint : endpoints) {
                b.endpoint(new LocalEndpoint(endpoint.localAddress(), endpoint));
            }
            config.stunServers().forEach(b::stunServer);
            config.relays().stream().filter(r -> r.protocol() == TransportProtocol.UDP).map(RelayServer::address).forEach(b::stunServer);
        }
        ice = IceController.start(b.build(), new FromIce());
        return this;
    }

    private IceController requireIce() {
        IceController controller = ice;
        if (controller == null || closed.get()) {
            throw new IllegalStateException("the session is not open");
        }
        return controller;
    }

    private final class FromIce implements IceControlListener {
        private boolean firstCredentials = true;

        @Override
        public void localCredentials(String ufrag, String password) {
            if (firstCredentials) {
                firstCredentials = false;
                return;
            }
            String cause = restartCause.getAndSet(null);
            String why = cause == null ? "ICE restart " + ufrag : cause + " (ICE restart " + ufrag + ")";
            loop.execute(() -> listener.localDescriptionChanged(localDescription(), why));
        }

        @Override
        public void localCandidate(IceCandidate candidate) {
            Candidate sdp = Candidates.toSdp(candidate);
            loop.execute(() -> listener.localCandidate(sdp, candidate.ufrag()));
        }

        @Override
        public void gatheringDone(String ufrag) {
            loop.execute(() -> listener.gatheringDone(ufrag));
        }

        @Override
        public void pairValidated(ValidPair pair) {
            loop.execute(() -> validated(pair));
        }

        @Override
        public void pairSelected(ValidPair pair, String reason) {
            if (!pair.direct()) {
                iceRelayReason = "ICE selected the relay: " + reason;
                SessionPath now = current;
                if (now != null && now.kind() == PathKind.RELAY) {
                    current = new SessionPath(now.id(), now.kind(), now.since(), now.rtt(), iceRelayReason);
                }
            }
        }

        @Override
        public void lateRemoteCandidate(IceCandidate candidate) {
            if (candidate.kind() == CandidateKind.RELAYED) {
                return;
            }
            loop.execute(() -> {
                for (UdpEndpoint endpoint : endpoints) {
                    if (sameFamily(endpoint.localAddress(), candidate.address())) {
                        addDirect(endpoint, candidate.address()); // No check will try it: the Link's probes do.
                        return;
                    }
                }
            });
        }

        @Override
        public void consentLost(ValidPair pair) {
            loop.execute(() -> reportBare(pair, PathState.DEAD));
        }

        @Override
        public void consentRestored(ValidPair pair) {
            loop.execute(() -> reportBare(pair, PathState.TRUSTED));
        }
    }

    private void validated(ValidPair pair) {
        if (link == null || closed.get()) {
            return;
        }
        if (!framing && relayHandle == null && peerRelay != null) {
            addRelayPath(); // A standard peer: consent is established now.
        }
        if (!pair.direct()) {
            return;
        }
        for (UdpEndpoint endpoint : endpoints) {
            if (endpoint.localAddress().equals(pair.localBase())) {
                PathHandle handle = addDirect(endpoint, pair.remoteAddress());
                if (handle != null) {
                    handle.iceValidated(); // Carries the data now, a copy on the relay until the Link confirms it.
                }
                return;
            }
        }
    }

    private PathHandle addDirect(UdpEndpoint endpoint, InetSocketAddress remote) {
        if (link == null) {
            return null;
        }
        DirectKey key = new DirectKey(endpoint.localAddress(), remote);
        PathHandle known = directs.get(key);
        if (known != null) {
            if (known.state() == PathState.TRUSTED || known.state() == PathState.PROBING) {
                return known;
            }
            // A fresh check got through a path the Link doubts or gave up on (a NAT rebinding re-opened it under
            // a new mapping on the far side): start it afresh, so that it carries the data as ICE-validated and is
            // confirmed by the Link's fast probes, not by the slow ones a dead path gets.
            known.remove();
        }
        LinkPath path = new SessionLinkPath("direct:" + endpoint.localAddress() + "->" + remote, PathKind.DIRECT,
                datagram -> endpoint.send(datagram, remote));
        PathHandle handle = link.addPath(path);
        directs.put(key, handle);
        if (!framing) {
            handle.reportState(PathState.TRUSTED);
        }
        return handle;
    }

    private void reportBare(ValidPair pair, PathState state) {
        if (framing) {
            return; // The Link's own probes decide.
        }
        PathHandle handle = directs.get(new DirectKey(pair.localBase(), pair.remoteAddress()));
        if (handle != null) {
            handle.reportState(state);
        }
    }

    private static boolean sameFamily(InetSocketAddress a, InetSocketAddress b) {
        return (a.getAddress() instanceof Inet6Address) == (b.getAddress() instanceof Inet6Address);
    }

    // ---- inbound ---------------------------------------------------------------------------------------

    /** STUN no TURN client took: the ICE controller routes it among its Agents (by ufrag, or transaction id). */
    private void stunArrived(ByteBuf datagram, InetSocketAddress from, Via via) {
        IceController controller = ice;
        if (controller == null) {
            return;
        }
        InetSocketAddress local = via.local();
        if (via.isRelayed()) {
            RelayLeg leg = relay;
            if (leg == null || !leg.server().address().equals(via.turnServer())) {
                return; // Through an allocation we no longer use.
            }
            local = leg.relayed();
        }
        switch (controller.receive(datagram, from, local)) {
            case BAD_CREDENTIALS -> badInput.count(BadInput.STUN_BAD_CREDENTIALS);
            case UNMATCHED -> badInput.count(BadInput.STUN_UNMATCHED);
            case MALFORMED -> badInput.count(BadInput.MALFORMED);
            default -> {
                // Delivered, or refused for a reason of ours (closing).
            }
        }
    }

    /** A Link frame, on the session's thread: to the path it came on. */
    private void frameArrived(ByteBuf datagram, InetSocketAddress from, Via via) {
        if (link == null) {
            if (early.size() < EARLY_FRAMES) {
                early.add(new Early(datagram.retain(), from, via.isRelayed(), via.local()));
            } else {
                badInput.count(BadInput.FROM_UNKNOWN_SOURCE);
            }
            return;
        }
        PathHandle handle = pathFor(from, via.isRelayed(), via.local());
        if (handle == null) {
            badInput.count(BadInput.FROM_UNKNOWN_SOURCE);
            return;
        }
        handle.receive(datagram.retain());
    }

    /**
     * The path a frame from {@code from} belongs to, or null. Through the relay only the peer's relayed address
     * counts: our allocation also lets in anyone with an allocation on a pre-permitted relay.
     */
    private PathHandle pathFor(InetSocketAddress from, boolean relayed, InetSocketAddress local) {
        if (relayed) {
            return from.equals(peerRelay) ? relayHandle : null;
        }
        return directs.get(new DirectKey(local, from));
    }

    private void drainEarly() {
        while (!early.isEmpty()) {
            Early e = early.poll();
            PathHandle handle = pathFor(e.from(), e.relayed(), e.local());
            if (handle == null) {
                badInput.count(BadInput.FROM_UNKNOWN_SOURCE);
                e.datagram().release();
            } else {
                handle.receive(e.datagram());
            }
        }
    }

    private void sendNow(ByteBuf payload) {
        if (link == null || closed.get()) {
            payload.release();
            return;
        }
        link.send(payload);
    }

    private final class ToListener implements LinkListener {
        @Override
        public void onData(ByteBuf payload) {
            listener.onData(payload);
        }

        @Override
        public void onPathChange(PathChange change) {
            if (change.to() == null) {
                current = null;
                return;
            }
            String reason = change.reason();
            if (change.to().kind() == PathKind.RELAY && iceRelayReason != null) {
                reason = reason + "; " + iceRelayReason;
            }
            SessionPath path = new SessionPath(change.to().id(), change.to().kind(), Instant.now(), change.rtt(), reason);
            current = path;
            listener.pathChanged(path);
        }
    }

}
