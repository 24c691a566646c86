package dev.punchline.ice.control;

import dev.punchline.ice.IceTimings;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunParseException;
import dev.punchline.turn.wire.Username;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ICE for one peer, with ice4j as the control plane over sockets Punchline owns: gathering (host candidates
 * from our endpoints, server-reflexive ones through our own Binding requests, our TURN allocation as the
 * relayed one), trickle both ways (RFC 8838), connectivity checks and a nomination that prefers direct
 * paths. The data never goes through ice4j: the Link sends on the pairs this reports.
 *
 * <p>While the session sits on the relay (or ICE failed, or the direct pair lost consent), the controlling
 * side re-probes: a fresh Agent (an ICE restart, since ice4j selects one pair for an Agent's life) runs next
 * to the old one on the same sockets, told apart by ufrag; the old one keeps answering until the new one
 * has selected a pair (make before break). The controlled side follows the peer's restarts.
 *
 * <p>Threads: the public methods may be called from any thread and return at once (except {@link #close},
 * bounded by {@link IceTimings#AGENT_FREE_TIMEOUT}); {@link #receive} is meant for the socket's thread;
 * listener callbacks run on the control thread.
 */
public final class IceController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IceController.class);

    /** Remote candidates held for credentials not seen yet: bounds what a peer trickling garbage can park. */
    private static final int PENDING_LIMIT = 128;
    /** Marks an end-of-candidates that named no ufrag. */
    private static final String ANY_UFRAG = "";

    private final IceControllerConfig config;
    private final IceControlListener listener;
    private final SerialExecutor control;
    private final Generation.Events events = new Events();
    /** Oldest first; the last one's credentials are the current local description. */
    private final List<Generation> generations = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong droppedCandidates = new AtomicLong();
    private volatile ValidPair selected;
    /** Our allocation as the relayed candidate of every Agent made from now on (it changes after a relay loss). */
    private volatile RelayEndpoint relay;

    // Control thread only.
    private final Set<String> retiredRemoteUfrags = new HashSet<>();
    private final Deque<IceCandidate> pending = new ArrayDeque<>();
    private final Set<String> pendingEnds = new HashSet<>();
    private boolean selectedConsentLost;
    private Generation restarting;
    private ScheduledFuture<?> reprobeTimer;
    private ScheduledFuture<?> answerTimer;
    private Duration reprobeDelay;

    private IceController(IceControllerConfig config, IceControlListener listener, SerialExecutor control) {
        this.config = config;
        this.listener = listener;
        this.control = control;
        this.reprobeDelay = config.tuning().reprobeFirst();
        this.relay = config.relay();
    }

    /**
     * Creates the first Agent (host and relayed candidates are known on return) and starts gathering; the
     * listener then hears the credentials and every candidate, trickled.
     */
    public static IceController start(IceControllerConfig config, IceControlListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        Ice4jEnvironment.ensureReady();
        IceController controller = new IceController(config, listener, ControlThreads.acquire());
        try {
            Generation first = controller.newGeneration();
            controller.onControl(() -> controller.announce(first));
        } catch (RuntimeException | Error e) {
            controller.close();
            throw e;
        }
        return controller;
    }

    /** The current local ufrag (the newest Agent's). */
    public String localUfrag() {
        return newest().ufrag();
    }

    /** The current local password. */
    public String localPassword() {
        return newest().password();
    }

    /** The current Agent's candidates gathered so far (the ones worth signalling). */
    public List<IceCandidate> localCandidates() {
        return newest().localCandidates();
    }

    /** The pair ICE selected last, if any. */
    public Optional<ValidPair> selectedPair() {
        return Optional.ofNullable(selected);
    }

    /** Remote candidates dropped: an old ufrag's, or more waiting for credentials than {@value #PENDING_LIMIT}. */
    public long droppedRemoteCandidates() {
        return droppedCandidates.get();
    }

    /**
     * Applies the peer's credentials and candidates; the checks start. Candidates trickled earlier for these
     * credentials (or for none named) join them. New credentials while checks run mean the peer restarted
     * ICE: a new Agent answers with new local credentials, the old one carries on until it has selected.
     */
    public void setRemoteDescription(String ufrag, String password, Collection<IceCandidate> candidates) {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(password, "password");
        List<IceCandidate> copy = List.copyOf(candidates);
        onControl(() -> applyRemoteDescription(ufrag, password, copy));
    }

    /**
     * A trickled remote candidate (RFC 8838). Its ufrag (null: the current remote credentials) picks the
     * Agent; before those credentials are known it waits; an old ufrag's candidate is dropped; one that
     * arrives after its Agent completed is passed to {@link IceControlListener#lateRemoteCandidate}.
     */
    public void addRemoteCandidate(IceCandidate candidate) {
        Objects.requireNonNull(candidate, "candidate");
        onControl(() -> applyRemoteCandidate(candidate));
    }

    /** The peer has no more candidates for {@code ufrag} (null: the current ones), RFC 8838 end-of-candidates. */
    public void endOfRemoteCandidates(String ufrag) {
        onControl(() -> {
            Generation target = ufrag == null ? newestWithRemote() : byRemoteUfrag(ufrag);
            if (target != null) {
                target.remoteGatheringDone();
            } else {
                pendingEnds.add(ufrag == null ? ANY_UFRAG : ufrag);
            }
        });
    }

    /** Starts an ICE restart now (a network change, say): new local credentials are announced. */
    public void restart() {
        onControl(this::restartNow);
    }

    /**
     * Our TURN allocation changed (the old one was lost): an ICE restart whose Agent offers {@code newRelay} as its
     * relayed candidate, so the peer checks it like any other (ice4j pairs no local candidate added after the
     * checks started). A restart still waiting for its answer is abandoned for this one, which carries the new
     * relay; the Agents that hold a pair keep it until the new one has selected (make before break).
     */
    public void relayChanged(RelayEndpoint newRelay) {
        Objects.requireNonNull(newRelay, "newRelay");
        onControl(() -> {
            relay = newRelay;
            Generation unanswered = restarting;
            if (unanswered != null && unanswered.remoteUfrag() == null) {
                endRestart(unanswered);
                retire(unanswered);
            }
            restartNow();
        });
    }

    /**
     * Takes a STUN datagram that arrived on one of our endpoints ({@code local} its bound address) or, with
     * {@code local} the relayed address, through our TURN allocation. A request goes to the Agent its
     * USERNAME names once its MESSAGE-INTEGRITY verifies with that Agent's password, a response to the Agent
     * (or srflx probe) that sent the request, an indication to the Agent that knows its sender. The verdict
     * says why a datagram was not taken. The caller keeps its reference.
     */
    public StunVerdict receive(ByteBuf datagram, InetSocketAddress from, InetSocketAddress local) {
        if (closed.get()) {
            return StunVerdict.REFUSED;
        }
        if (!StunMessage.looksLikeStun(datagram)) {
            return StunVerdict.MALFORMED;
        }
        StunMessage message;
        try {
            message = StunMessage.decode(datagram);
        } catch (StunParseException e) {
            return StunVerdict.MALFORMED;
        }
        try {
            Generation target;
            switch (message.messageClass()) {
                case REQUEST -> {
                    target = message.attribute(Username.class).map(u -> byLocalUfrag(u.name())).orElse(null);
                    if (target == null || !target.authentic(message)) {
                        return StunVerdict.BAD_CREDENTIALS;
                    }
                }
                case SUCCESS_RESPONSE, ERROR_RESPONSE -> {
                    for (Generation generation : generations) {
                        if (generation.srflx().offer(message)) {
                            return StunVerdict.DELIVERED;
                        }
                    }
                    target = byTransaction(message);
                }
                default -> target = byRemote(from);
            }
            if (target == null) {
                return StunVerdict.UNMATCHED;
            }
            return target.deliver(datagram, from, local) ? StunVerdict.DELIVERED : StunVerdict.REFUSED;
        } finally {
            message.release();
        }
    }

    /**
     * Frees every Agent, each on a thread of its own, waiting at most {@link IceTimings#AGENT_FREE_TIMEOUT}:
     * past that (ice4j's free() can deadlock) they are abandoned, logged, and our bridges closed anyway.
     * Never touches the endpoints' channels or the TURN allocation: those are the caller's.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Generation> all = List.copyOf(generations);
        generations.removeAll(all);
        List<CompletableFuture<Void>> frees = all.stream().map(Generation::free).toList();
        try {
            CompletableFuture.allOf(frees.toArray(CompletableFuture[]::new))
                    .get(IceTimings.AGENT_FREE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("ice4j's Agent.free() did not return within {} ms; abandoned on its daemon thread",
                    IceTimings.AGENT_FREE_TIMEOUT.toMillis());
            all.forEach(Generation::closeBridges);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(Generation::closeBridges);
        } catch (ExecutionException e) {
            LOG.warn("freeing ice4j Agents failed", e.getCause());
        } finally {
            ControlThreads.release();
        }
    }

    // ---- control thread ------------------------------------------------------------------------------

    private void onControl(Runnable task) {
        if (closed.get()) {
            return;
        }
        try {
            control.execute(() -> {
                if (!closed.get()) {
                    task.run();
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("control task after close; dropped");
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return control.schedule(() -> {
            if (!closed.get()) {
                task.run();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private Generation newGeneration() {
        Generation generation = new Generation(config, relay, control, events);
        generations.add(generation);
        if (closed.get()) {
            generation.free(); // close() ran meanwhile and may not have seen it
        }
        return generation;
    }

    private void announce(Generation generation) {
        if (generations.contains(generation)) {
            listener.localCredentials(generation.ufrag(), generation.password());
            generation.announce();
        }
    }

    private void applyRemoteDescription(String ufrag, String password, List<IceCandidate> candidates) {
        if (retiredRemoteUfrags.contains(ufrag)) {
            LOG.debug("remote description for retired ufrag {} ignored", ufrag);
            return;
        }
        Generation owner = byRemoteUfrag(ufrag);
        if (owner != null) {
            candidates.forEach(c -> addTo(owner, c)); // The same description again: only news matters.
            return;
        }
        Generation target = newest();
        if (target.remoteUfrag() != null) {
            restartNow(); // The peer restarted ICE: answer with a new Agent of ours.
            target = restarting;
        }
        List<IceCandidate> all = new ArrayList<>(candidates);
        all.addAll(drainPending(ufrag));
        target.applyRemoteDescription(ufrag, password, all);
        if (target == restarting && answerTimer != null) {
            answerTimer.cancel(false);
        }
        if (pendingEnds.remove(ufrag) | pendingEnds.remove(ANY_UFRAG)) {
            target.remoteGatheringDone();
        }
    }

    private void applyRemoteCandidate(IceCandidate candidate) {
        String ufrag = candidate.ufrag();
        if (ufrag != null && retiredRemoteUfrags.contains(ufrag)) {
            droppedCandidates.incrementAndGet();
            LOG.debug("candidate {} of retired ufrag {} dropped", candidate.address(), ufrag);
            return;
        }
        Generation target = ufrag == null ? newestWithRemote() : byRemoteUfrag(ufrag);
        if (target == null) {
            if (pending.size() >= PENDING_LIMIT) {
                pending.removeFirst();
                droppedCandidates.incrementAndGet();
            }
            pending.addLast(candidate);
            return;
        }
        addTo(target, candidate);
    }

    private void addTo(Generation target, IceCandidate candidate) {
        if (!target.addRemoteCandidate(candidate)) {
            listener.lateRemoteCandidate(candidate);
            if (candidate.kind() != CandidateKind.RELAYED && target == newest()) {
                reprobeSoon(); // A new direct candidate no check will try: a fresh Agent will.
            }
        }
    }

    private List<IceCandidate> drainPending(String ufrag) {
        List<IceCandidate> matching = new ArrayList<>();
        for (Iterator<IceCandidate> it = pending.iterator(); it.hasNext(); ) {
            IceCandidate candidate = it.next();
            if (candidate.ufrag() == null || candidate.ufrag().equals(ufrag)) {
                matching.add(candidate);
                it.remove();
            }
        }
        return matching;
    }

    private void restartNow() {
        if (restarting != null && restarting.remoteUfrag() == null) {
            return; // One restart at a time; this one still waits for its answer.
        }
        cancel(reprobeTimer);
        reprobeTimer = null;
        Generation generation = newGeneration();
        restarting = generation;
        announce(generation);
        answerTimer = schedule(() -> {
            if (generation.remoteUfrag() == null && generations.contains(generation)) {
                LOG.info("ICE restart {} got no answer within {} ms; abandoned", generation.ufrag(),
                        IceTimings.RESTART_ANSWER_TIMEOUT.toMillis());
                endRestart(generation);
                retire(generation);
                scheduleReprobe();
            }
        }, IceTimings.RESTART_ANSWER_TIMEOUT);
    }

    private void endRestart(Generation generation) {
        if (restarting == generation) {
            restarting = null;
            cancel(answerTimer);
            answerTimer = null;
        }
    }

    private void retire(Generation generation) {
        if (!generations.remove(generation)) {
            return;
        }
        if (generation.remoteUfrag() != null) {
            retiredRemoteUfrags.add(generation.remoteUfrag());
            pending.removeIf(c -> generation.remoteUfrag().equals(c.ufrag()));
        }
        listener.stateChanged(generation.ufrag(), AgentState.CLOSED);
        CompletableFuture<Void> freed = generation.free();
        control.schedule(() -> {
            if (!freed.isDone()) {
                LOG.warn("ice4j's Agent.free() for {} did not return within {} ms; abandoned",
                        generation.ufrag(), IceTimings.AGENT_FREE_TIMEOUT.toMillis());
                generation.closeBridges();
            }
        }, IceTimings.AGENT_FREE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void onSelected(Generation generation, ValidPair pair, String reason) {
        selected = pair;
        selectedConsentLost = false;
        listener.pairSelected(pair, reason);
        endRestart(generation);
        for (Generation older : List.copyOf(generations)) {
            if (older == generation) {
                break;
            }
            retire(older); // Make before break: the newer Agent has a pair now.
        }
        if (pair.direct()) {
            reprobeDelay = config.tuning().reprobeFirst();
            cancel(reprobeTimer);
            reprobeTimer = null;
        } else {
            scheduleReprobe();
        }
    }

    private void onFailed(Generation generation) {
        endRestart(generation);
        if (generation == newest() && generations.size() > 1) {
            retire(generation); // A restart that failed: the older Agent still holds its pair.
        }
        scheduleReprobe();
    }

    /** While on the relay, with nothing scheduled or running, re-probe after the current back-off. */
    private void scheduleReprobe() {
        if (!config.reprobe() || restarting != null || reprobeTimer != null || !newest().isControlling()) {
            return;
        }
        Duration delay = reprobeDelay;
        Duration doubled = reprobeDelay.multipliedBy(2);
        reprobeDelay = doubled.compareTo(config.tuning().reprobeMax()) > 0 ? config.tuning().reprobeMax() : doubled;
        reprobeTimer = schedule(() -> {
            reprobeTimer = null;
            if (restarting == null && onRelay()) {
                LOG.debug("re-probing direct paths with a fresh Agent");
                restartNow();
            }
        }, delay);
    }

    /** Something suggests direct may work now: re-probe at the first interval, not the backed-off one. */
    private void reprobeSoon() {
        if (!onRelay()) {
            return;
        }
        reprobeDelay = config.tuning().reprobeFirst();
        cancel(reprobeTimer);
        reprobeTimer = null;
        scheduleReprobe();
    }

    private boolean onRelay() {
        ValidPair current = selected;
        return current == null || !current.direct() || selectedConsentLost;
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    // ---- lookups (any thread) ------------------------------------------------------------------------

    private Generation newest() {
        List<Generation> snapshot = generations;
        if (snapshot.isEmpty()) {
            throw new IllegalStateException("the ICE controller is closed");
        }
        return snapshot.get(snapshot.size() - 1);
    }

    private Generation newestWithRemote() {
        Generation newest = newest();
        return newest.remoteUfrag() == null ? null : newest;
    }

    private Generation byRemoteUfrag(String ufrag) {
        for (Generation generation : generations) {
            if (ufrag.equals(generation.remoteUfrag())) {
                return generation;
            }
        }
        return null;
    }

    /** RFC 8445 §7.2.2: a check's USERNAME is "receiver's ufrag:sender's ufrag". */
    private Generation byLocalUfrag(String username) {
        int colon = username.indexOf(':');
        String ours = colon < 0 ? username : username.substring(0, colon);
        for (Generation generation : generations) {
            if (generation.ufrag().equals(ours)) {
                return generation;
            }
        }
        return null;
    }

    private Generation byTransaction(StunMessage response) {
        for (Generation generation : generations) {
            if (generation.ownsTransaction(response.transactionId())) {
                return generation;
            }
        }
        return null;
    }

    private Generation byRemote(InetSocketAddress from) {
        for (int i = generations.size() - 1; i >= 0; i--) {
            Generation generation = generations.get(i);
            if (generation.knowsRemote(from)) {
                return generation;
            }
        }
        return null;
    }

    /** Generation events, on the control thread; an Agent retired meanwhile is no longer heard. */
    private final class Events implements Generation.Events {

        private boolean live(Generation generation) {
            return !closed.get() && generations.contains(generation);
        }

        @Override
        public void localCandidate(Generation generation, IceCandidate candidate) {
            if (live(generation)) {
                listener.localCandidate(candidate);
            }
        }

        @Override
        public void gatheringDone(Generation generation) {
            if (live(generation)) {
                listener.gatheringDone(generation.ufrag());
            }
        }

        @Override
        public void stateChanged(Generation generation, AgentState state) {
            if (live(generation)) {
                listener.stateChanged(generation.ufrag(), state);
                if (state == AgentState.FAILED) {
                    onFailed(generation);
                }
            }
        }

        @Override
        public void pairValidated(Generation generation, ValidPair pair) {
            if (live(generation)) {
                listener.pairValidated(pair);
                ValidPair current = selected;
                if (pair.direct() && current != null && !current.direct() && generation.selected() != null) {
                    reprobeSoon(); // Direct validated after this Agent settled on the relay.
                }
            }
        }

        @Override
        public void pairSelected(Generation generation, ValidPair pair, String reason) {
            if (live(generation)) {
                onSelected(generation, pair, reason);
            }
        }

        @Override
        public void consentLost(Generation generation, ValidPair pair) {
            if (live(generation)) {
                selectedConsentLost = pair.equals(selected);
                listener.consentLost(pair);
                scheduleReprobe();
            }
        }

        @Override
        public void consentRestored(Generation generation, ValidPair pair) {
            if (live(generation)) {
                if (pair.equals(selected)) {
                    selectedConsentLost = false;
                }
                listener.consentRestored(pair);
            }
        }
    }
}
