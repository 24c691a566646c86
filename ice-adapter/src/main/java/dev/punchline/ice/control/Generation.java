package dev.punchline.ice.control;

import dev.punchline.ice.IceTimings;
import dev.punchline.ice.net.DatagramSender;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.TransactionId;
import io.netty.buffer.ByteBuf;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateExtendedType;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidatePairState;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.CheckList;
import org.ice4j.ice.CheckListState;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.NominationStrategy;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.ServerReflexiveCandidate;
import org.ice4j.socket.IceSocketWrapper;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One ice4j Agent (one set of local credentials) over our sockets: its bridges, its host, server-reflexive
 * and relayed candidates, its direct-first nominator, and the translation of its events. An ICE restart is a
 * new Generation next to the old one on the same sockets, told apart by ufrag and transaction id.
 *
 * <p>Threads: built on the caller's or the control thread; {@link #deliver}, {@link #ownsTransaction} and
 * {@link #knowsRemote} run on socket threads; ice4j's events are moved to the control executor, where
 * everything else runs.
 */
final class Generation {

    /** What a Generation reports to its controller, on the control executor. */
    interface Events {
        void localCandidate(Generation generation, IceCandidate candidate);

        void gatheringDone(Generation generation);

        void stateChanged(Generation generation, AgentState state);

        void pairValidated(Generation generation, ValidPair pair);

        void pairSelected(Generation generation, ValidPair pair, String reason);

        void consentLost(Generation generation, ValidPair pair);

        void consentRestored(Generation generation, ValidPair pair);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Generation.class);
    private static final String STREAM_NAME = "punchline";

    private final IceControllerConfig config;
    private final SerialExecutor control;
    private final Events events;
    private final Agent agent;
    private final IceMediaStream stream;
    private final Component component;
    private final Map<InetSocketAddress, BridgeSocket> bridges;
    private final Map<LocalEndpoint, HostCandidate> hostCandidates = new LinkedHashMap<>();
    private final RelayEndpoint relay;
    private final LocalCandidate relayedCandidate;
    private final RecentTransactions transactions = new RecentTransactions();
    private final Set<InetSocketAddress> remoteAddresses = ConcurrentHashMap.newKeySet();
    private final Set<InetSocketAddress> remoteRelayed = ConcurrentHashMap.newKeySet();
    private final Map<CandidatePair, Long> failedSince = new HashMap<>();
    private final DirectFirstNominator nominator;
    private final SrflxProbe srflx;
    private final byte[] integrityKey;

    private String remoteUfrag;
    private boolean checksStarted;
    private AgentState state = AgentState.WAITING;
    private ValidPair selected;
    private boolean consentLost;
    private volatile boolean freed;
    private CompletableFuture<Void> freeing;

    /** {@code relay}: our allocation as this Agent's relayed candidate (the controller's current one), or null. */
    Generation(IceControllerConfig config, RelayEndpoint relay, SerialExecutor control, Events events) {
        this.config = config;
        this.relay = relay;
        this.control = control;
        this.events = events;
        agent = new Agent();
        // ice-chars only (RFC 8445 §5.3), so SASLprep (RFC 8489 §9.2.2) leaves the password as it is.
        integrityKey = agent.getLocalPassword().getBytes(StandardCharsets.US_ASCII);
        agent.setControlling(config.role() == IceRole.CONTROLLING);
        agent.setUseDynamicPorts(false);
        // Host candidates come from our harvester; with trickling on, createComponent runs no other harvester
        // (ice4j's mapping harvesters and its harvester thread pool never start), and we never call
        // startCandidateTrickle: srflx is ours, the relay is ours.
        agent.setTrickling(true);
        agent.setNominationStrategy(NominationStrategy.NONE);
        agent.setTa(IceTimings.CHECK_PACING.toMillis());
        agent.setPerformConsentFreshness(true);
        String ufrag = agent.getLocalUfrag();

        Map<InetSocketAddress, BridgeSocket> byAddress = new LinkedHashMap<>();
        List<LocalEndpoint> endpoints = config.endpoints().stream().filter(e -> !e.isIpv6LinkLocal()).toList();
        List<IceSocketWrapper> hostSockets = new ArrayList<>();
        for (LocalEndpoint endpoint : endpoints) {
            BridgeSocket bridge = bridge(endpoint.address(), endpoint.sender(), ufrag);
            byAddress.put(endpoint.address(), bridge);
            hostSockets.add(wrap(bridge));
        }
        BridgeSocket relayBridge = relay == null ? null : bridge(relay.relayedAddress(), relay.sender(), ufrag);
        if (relayBridge != null) {
            byAddress.put(relay.relayedAddress(), relayBridge);
        }
        bridges = Map.copyOf(byAddress);

        EndpointHostHarvester harvester = new EndpointHostHarvester(hostSockets);
        agent.addCandidateHarvester(harvester);
        stream = agent.createMediaStream(STREAM_NAME);
        try {
            component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
        } catch (IOException | RuntimeException e) {
            agent.free();
            bridges.values().forEach(BridgeSocket::close);
            throw e instanceof IOException io ? new UncheckedIOException("ice4j could not create its component", io)
                    : (RuntimeException) e;
        }
        List<HostCandidate> hosts = harvester.harvested();
        for (int i = 0; i < hosts.size(); i++) {
            hostCandidates.put(endpoints.get(i), hosts.get(i));
        }
        relayedCandidate = relayBridge == null ? null : addRelayed(relayBridge);

        stream.addPairChangeListener(event -> post(() -> onPairEvent(event)));
        agent.addStateChangeListener(event -> post(() -> onAgentState((IceProcessingState) event.getNewValue())));
        nominator = new DirectFirstNominator(agent, stream.getCheckList(), config.tuning().relayNominationDeadline(),
                this::isDirect, this::confirmedFailed);
        srflx = new SrflxProbe(control, new SrflxProbe.Sink() {
            @Override
            public void mapped(LocalEndpoint endpoint, InetSocketAddress server, InetSocketAddress mapped) {
                addServerReflexive(endpoint, server, mapped);
            }

            @Override
            public void done() {
                if (!freed) {
                    events.gatheringDone(Generation.this);
                }
            }
        });
    }

    private BridgeSocket bridge(InetSocketAddress local, DatagramSender sender, String ufrag) {
        return new BridgeSocket(local, sender, transactions::recordIfRequest,
                "punchline-ice-rx-" + ufrag + "-" + local.getAddress().getHostAddress() + ":" + local.getPort());
    }

    /** ice4j insists on a MultiplexingDatagramSocket: over a bare socket its send-error path retries forever. */
    private static IceSocketWrapper wrap(BridgeSocket bridge) {
        try {
            return new IceUdpSocketWrapper(new MultiplexingDatagramSocket(bridge));
        } catch (SocketException e) {
            throw new UncheckedIOException("ice4j refused our bridge socket", e);
        }
    }

    private LocalCandidate addRelayed(BridgeSocket bridge) {
        IceSocketWrapper socket = wrap(bridge);
        RelayedLocalCandidate candidate = new RelayedLocalCandidate(Ice4jCandidates.udp(relay.relayedAddress()),
                Ice4jCandidates.udp(relay.server()), relay.mapped() == null ? null : Ice4jCandidates.udp(relay.mapped()),
                component, socket);
        if (!component.addLocalCandidate(candidate)) {
            return null;
        }
        agent.getStunStack().addSocket(socket);
        return candidate;
    }

    String ufrag() {
        return agent.getLocalUfrag();
    }

    String password() {
        return agent.getLocalPassword();
    }

    /**
     * Whether {@code request}'s MESSAGE-INTEGRITY verifies with our password (ICE's short-term credential, RFC
     * 8445 §7.2.2); socket threads.
     */
    boolean authentic(StunMessage request) {
        return request.verifyIntegrity(integrityKey);
    }

    /** The remote ufrag once the remote description is applied, else null. Control executor. */
    String remoteUfrag() {
        return remoteUfrag;
    }

    AgentState state() {
        return state;
    }

    ValidPair selected() {
        return selected;
    }

    boolean isControlling() {
        return agent.isControlling();
    }

    /** Our candidates worth signalling (peer-reflexive ones are learnt by the peer from checks). */
    List<IceCandidate> localCandidates() {
        List<IceCandidate> candidates = new ArrayList<>();
        for (LocalCandidate candidate : component.getLocalCandidates()) {
            if (candidate.getType() != CandidateType.PEER_REFLEXIVE_CANDIDATE) {
                candidates.add(Ice4jCandidates.describe(candidate, ufrag()));
            }
        }
        return candidates;
    }

    /** Reports the initial candidates and starts server-reflexive gathering. Control executor. */
    void announce() {
        for (HostCandidate host : hostCandidates.values()) {
            events.localCandidate(this, Ice4jCandidates.describe(host, ufrag()));
        }
        if (relayedCandidate != null) {
            events.localCandidate(this, Ice4jCandidates.describe(relayedCandidate, ufrag()));
        }
        srflx.start(List.copyOf(hostCandidates.keySet()), config.stunServers());
    }

    private void addServerReflexive(LocalEndpoint endpoint, InetSocketAddress server, InetSocketAddress mapped) {
        HostCandidate base = hostCandidates.get(endpoint);
        if (freed || base == null || mapped.equals(endpoint.address())) {
            return; // Not behind a NAT on this path: the host candidate says it all.
        }
        ServerReflexiveCandidate candidate = new ServerReflexiveCandidate(Ice4jCandidates.udp(mapped), base,
                Ice4jCandidates.udp(server), CandidateExtendedType.STUN_SERVER_REFLEXIVE_CANDIDATE);
        if (component.addLocalCandidate(candidate)) {
            events.localCandidate(this, Ice4jCandidates.describe(candidate, ufrag()));
        }
    }

    /** Applies the remote credentials and candidates and starts the checks. Control executor. */
    void applyRemoteDescription(String ufrag, String password, List<IceCandidate> candidates) {
        remoteUfrag = ufrag;
        stream.setRemoteUfrag(ufrag);
        stream.setRemotePassword(password);
        for (IceCandidate candidate : candidates) {
            addRemoteCandidate(candidate);
        }
        agent.startConnectivityEstablishment();
        checksStarted = true;
    }

    /**
     * Adds a remote candidate: before the checks start it joins the initial check list; while they run it
     * is paired at once (ice4j's update path works only then). Returns false if the check list is over, so
     * no check will ever use it. Control executor.
     */
    boolean addRemoteCandidate(IceCandidate candidate) {
        remoteAddresses.add(candidate.address());
        if (candidate.kind() == CandidateKind.RELAYED) {
            remoteRelayed.add(candidate.address());
        }
        RemoteCandidate remote = Ice4jCandidates.remote(candidate, component, remoteUfrag);
        if (!checksStarted) {
            component.addRemoteCandidate(remote);
            return true;
        }
        CheckList checkList = stream.getCheckList();
        boolean running = checkList.getState() == CheckListState.RUNNING;
        component.addUpdateRemoteCandidates(remote);
        component.updateRemoteCandidates();
        if (running) {
            wake(checkList, remote.getTransportAddress());
        }
        return running;
    }

    /**
     * ice4j pairs a candidate trickled into a running check list as FROZEN, and unfreezes a pair only when nothing
     * else is left to check — seen here to hold a peer's late server-reflexive candidate back behind every relayed
     * pair and a retransmission, 200 ms and more. RFC 8838 §11 puts such pairs in the Waiting state at once; the
     * pacing then takes them in priority order, direct pairs before relayed ones.
     */
    private static void wake(CheckList checkList, TransportAddress remote) {
        List<CandidatePair> frozen = new ArrayList<>();
        synchronized (checkList) {
            for (CandidatePair pair : checkList) {
                if (pair.getState() == CandidatePairState.FROZEN
                        && pair.getRemoteCandidate().getTransportAddress().equals(remote)) {
                    frozen.add(pair);
                }
            }
        }
        frozen.forEach(CandidatePair::setStateWaiting);
    }

    void remoteGatheringDone() {
        nominator.remoteGatheringDone();
    }

    /** Hands a STUN datagram to the bridge for {@code local}; false if no bridge stands for it. */
    boolean deliver(ByteBuf datagram, InetSocketAddress from, InetSocketAddress local) {
        BridgeSocket bridge = bridges.get(local);
        return bridge != null && bridge.offer(datagram, from);
    }

    boolean ownsTransaction(TransactionId id) {
        return transactions.contains(id);
    }

    boolean knowsRemote(InetSocketAddress address) {
        return remoteAddresses.contains(address);
    }

    SrflxProbe srflx() {
        return srflx;
    }

    private void post(Runnable task) {
        if (freed) {
            return;
        }
        try {
            control.execute(() -> {
                if (!freed) {
                    task.run();
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("ice4j event after the control threads stopped; dropped");
        }
    }

    /** Runs {@code task} on the control executor after {@code delayNanos}, unless freed by then. */
    private void schedule(Runnable task, long delayNanos) {
        control.schedule(() -> {
            if (!freed) {
                task.run();
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void onAgentState(IceProcessingState iceState) {
        AgentState next = switch (iceState) {
            case WAITING -> AgentState.WAITING;
            case RUNNING -> AgentState.RUNNING;
            case COMPLETED -> AgentState.COMPLETED;
            case FAILED -> AgentState.FAILED;
            case TERMINATED -> AgentState.TERMINATED;
        };
        if (next == state) {
            return;
        }
        state = next;
        events.stateChanged(this, next);
        if (next == AgentState.COMPLETED && selected == null) {
            CandidatePair pair = component.getSelectedPair();
            if (pair != null) {
                selected = describe(pair);
                events.pairSelected(this, selected, nominator.reasonFor(pair));
            }
        }
    }

    private void onPairEvent(PropertyChangeEvent event) {
        if (!(event.getSource() instanceof CandidatePair pair)) {
            return;
        }
        switch (event.getPropertyName()) {
            case IceMediaStream.PROPERTY_PAIR_VALIDATED -> {
                remoteAddresses.add(Ice4jCandidates.plain(pair.getRemoteCandidate().getTransportAddress()));
                events.pairValidated(this, describe(pair));
                if (nominator.validated(pair)) {
                    schedule(nominator::reconsider, config.tuning().relayNominationDeadline().toNanos());
                }
            }
            case IceMediaStream.PROPERTY_PAIR_STATE_CHANGED -> onPairState(pair, (CandidatePairState) event.getNewValue());
            case IceMediaStream.PROPERTY_PAIR_CONSENT_FRESHNESS_CHANGED -> {
                if (isSelected(pair)) {
                    restoreConsent();
                }
            }
            default -> {
                // Nomination events: the selection shows in the Agent's COMPLETED state.
            }
        }
    }

    private void onPairState(CandidatePair pair, CandidatePairState newState) {
        if (newState != CandidatePairState.FAILED) {
            failedSince.remove(pair);
            if (newState == CandidatePairState.SUCCEEDED && isSelected(pair)) {
                restoreConsent();
            }
            return;
        }
        if (failedSince.putIfAbsent(pair, System.nanoTime()) == null) {
            schedule(() -> onFailureConfirmed(pair), IceTimings.PAIR_FAILED_CONFIRMATION.toNanos());
        }
    }

    private void onFailureConfirmed(CandidatePair pair) {
        if (!confirmedFailed(pair)) {
            return; // It recovered: ice4j's false timeout.
        }
        if (isSelected(pair) && !consentLost) {
            consentLost = true;
            events.consentLost(this, selected);
        }
        nominator.reconsider();
    }

    private void restoreConsent() {
        if (consentLost) {
            consentLost = false;
            events.consentRestored(this, selected);
        }
    }

    private boolean confirmedFailed(CandidatePair pair) {
        Long since = failedSince.get(pair);
        return pair.getState() == CandidatePairState.FAILED && since != null
                && System.nanoTime() - since >= IceTimings.PAIR_FAILED_CONFIRMATION.toNanos();
    }

    private boolean isSelected(CandidatePair pair) {
        return selected != null && pair.equals(component.getSelectedPair());
    }

    /**
     * No TURN server on the path. A peer-reflexive remote address on our relay's IP is the peer's relayed
     * address seen before its relay candidate was signalled.
     */
    private boolean isDirect(CandidatePair pair) {
        if (pair.getLocalCandidate().getType() == CandidateType.RELAYED_CANDIDATE
                || pair.getRemoteCandidate().getType() == CandidateType.RELAYED_CANDIDATE) {
            return false;
        }
        TransportAddress remote = pair.getRemoteCandidate().getTransportAddress();
        if (remoteRelayed.contains(Ice4jCandidates.plain(remote))) {
            return false;
        }
        InetAddress relayIp = relay == null ? null : relay.relayedAddress().getAddress();
        return relayIp == null || !relayIp.equals(remote.getAddress());
    }

    private ValidPair describe(CandidatePair pair) {
        LocalCandidate local = pair.getLocalCandidate();
        LocalCandidate base = local.getBase() == null ? local : local.getBase();
        RemoteCandidate remote = pair.getRemoteCandidate();
        return new ValidPair(ufrag(), Ice4jCandidates.plain(local.getTransportAddress()),
                Ice4jCandidates.plain(base.getTransportAddress()), Ice4jCandidates.kind(local.getType()),
                Ice4jCandidates.plain(remote.getTransportAddress()), Ice4jCandidates.kind(remote.getType()),
                isDirect(pair));
    }

    /**
     * Frees the Agent on a thread of its own, then closes the bridges (ice4j closes them too; ours is the
     * backstop). Returns at once; the future completes when free() returned. Idempotent. Any thread.
     */
    synchronized CompletableFuture<Void> free() {
        if (freeing != null) {
            return freeing;
        }
        freed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        freeing = done;
        srflx.cancel();
        Thread freer = new Thread(() -> {
            try {
                agent.free();
            } catch (RuntimeException e) {
                LOG.warn("ice4j Agent.free() failed for {}", ufrag(), e);
            } finally {
                closeBridges();
                done.complete(null);
            }
        }, "punchline-ice-free-" + ufrag());
        freer.setDaemon(true);
        freer.start();
        return done;
    }

    /** Closes our bridges whatever ice4j is doing (after an abandoned free()). Any thread. */
    void closeBridges() {
        bridges.values().forEach(BridgeSocket::close);
    }

    @Override
    public String toString() {
        return "Generation[" + ufrag() + ", " + state + "]";
    }
}
