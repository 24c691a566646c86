package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One peer's data plane: hides which path a packet takes (DESIGN decision 3). The Link holds the paths to
 * the peer — relay and direct — each with a {@link PathState}, sends every packet on the best one, sends
 * on two while a direct path is being confirmed or the current one is failing, and at the receiver drops
 * the duplicates and holds early packets for at most the delay difference between the paths, so the
 * application sees neither loss nor reordering across a switch.
 *
 * <h2>Between two Punchline peers</h2>
 * Every datagram is a {@link LinkFrame}: data carries a Link-wide sequence number and an echo of the highest
 * sequence number received on that path; each side probes every path and answers the peer's probes. That
 * gives the RTT and the liveness of each path in each direction (see {@link PathTracker} for the state
 * machine and why its timings are what they are), and the receiver the sequence numbers it needs to
 * deduplicate ({@link ReceiveWindow}) and reorder ({@link ReorderBuffer}). Both sides apply the same rules
 * to the same round trips, so they reach the same verdict on each path; the ICE-controlled side also follows
 * the controlling side's choice among equally good direct paths ({@link Builder#followPeer}).
 *
 * <h2>Towards a standard peer</h2>
 * With framing off, packets go bare and the Link only picks the path: nothing is probed, deduplicated or
 * reordered, and the session reports each path's state from ICE consent ({@link PathHandle#reportState}).
 *
 * <h2>Threading and buffers</h2>
 * A Link is confined to one thread — the event loop of its scheduler: every method, every
 * {@link PathHandle} method and the listener run there. Buffers passed in are taken over (released exactly
 * once); buffers handed to paths and to the listener are theirs. The steady state allocates nothing per
 * packet: a payload with {@link LinkFrame#HEADER_LENGTH} bytes of room before its reader index is framed in
 * place and goes to the path as the same buffer; a received frame is decoded into a reused
 * {@link FrameHeader} and delivered as the same buffer, past the header. Only a copy for a second path
 * (during a switch) or a payload without headroom costs a pooled buffer.
 */
public final class Link implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Link.class);

    /** Paths one Link holds at most; a session adds only pairs ICE validated, a handful in practice. */
    public static final int MAX_PATHS = 32;

    private final LinkConfig config;
    private final LinkScheduler scheduler;
    private final LinkListener listener;
    private final ByteBufAllocator alloc;
    private final boolean framing;
    private final boolean followPeer;

    private final PathTracker[] paths = new PathTracker[MAX_PATHS];
    private final PathSelector selector;
    private final ReceiveWindow window;
    private final ReorderBuffer reorder;
    private final DelayDifference delayDifference;
    private final TokenBucket unconsented;
    private final ConsentBacklog backlog;
    private final FrameHeader header = new FrameHeader();
    private final Runnable tickTask = this::tick;
    private final Runnable holdTask = this::holdExpired;

    private PathTracker primary;
    private PathTracker copy;
    private long dataSeq;
    private boolean peerHeard;
    private boolean closed;
    private int lastDataPath = -1;
    /** The path the latest new (not duplicate) data came over: when it changes, the data has switched paths. */
    private int firstArrivalPath = -1;
    private long multipathUntil = PathTracker.NEVER;
    private LinkScheduler.Timer tickTimer;
    private LinkScheduler.Timer holdTimer;
    /** The hold timer was armed before any delay difference was measured, so with the longest hold. */
    private boolean holdTimerUnmeasured;

    private long sent;
    private long delivered;
    private long rateLimited;
    private long noPath;
    private long lateArrivals;
    private long resyncs;
    /** Every path's, removed ones' included: what the network sent us that was not a frame, or forged. */
    private long malformed;
    private long forged;

    private Link(Builder b) {
        this.config = b.config;
        this.scheduler = b.scheduler;
        this.listener = b.listener;
        this.alloc = b.alloc;
        this.framing = b.framing;
        this.followPeer = b.followPeer;
        this.selector = new PathSelector(config);
        this.window = new ReceiveWindow(config.dedupeWindow(), config.resyncAfter(), config.resyncQuiet().toNanos());
        this.reorder = new ReorderBuffer(window, this::released);
        this.delayDifference = new DelayDifference(config.delayDifferenceMemory().toNanos());
        long now = scheduler.nanoTime();
        this.unconsented = new TokenBucket(config.unconsentedBytesPerSecond(), config.unconsentedBurstBytes(), now);
        this.backlog = new ConsentBacklog(config.unconsentedBacklogBytes());
        if (framing) {
            tickTimer = scheduler.schedule(tickTask, config.tick().toNanos());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds a path. It starts {@link PathState#PROBING} (probed at once between Punchline peers); if it is the
     * first path, or a relay while nothing is trusted, data goes on it straight away.
     *
     * @throws IllegalStateException if the Link is closed or holds {@link #MAX_PATHS} paths already
     */
    public PathHandle addPath(LinkPath path) {
        Objects.requireNonNull(path, "path");
        if (closed) {
            throw new IllegalStateException("link closed");
        }
        int free = 0;
        while (free < MAX_PATHS && paths[free] != null) {
            free++;
        }
        if (free == MAX_PATHS) {
            throw new IllegalStateException("a link holds at most " + MAX_PATHS + " paths");
        }
        long now = scheduler.nanoTime();
        PathTracker tracker = new PathTracker(path, free, config, now);
        paths[free] = tracker;
        if (framing) {
            sendProbe(tracker, now);
        }
        reselect(now);
        return new PathHandle(this, tracker);
    }

    /**
     * Sends one packet to the peer. Takes over the reference. Between Punchline peers the
     * {@link LinkFrame#HEADER_LENGTH} bytes before the reader index, if there are that many, are overwritten
     * with the frame header (no copy); otherwise the packet is copied behind a header. Until anything has
     * arrived from the peer, packets beyond the unconsented budget wait for it ({@link ConsentBacklog}), in order.
     */
    public void send(ByteBuf payload) {
        if (closed) {
            payload.release();
            return;
        }
        if (primary == null) {
            noPath++;
            payload.release();
            return;
        }
        long now = scheduler.nanoTime();
        if (!peerHeard) {
            drainBacklog(now);
            if (!backlog.isEmpty() || !unconsented.tryTake(payload.readableBytes(), now)) {
                if (!backlog.offer(payload)) {
                    rateLimited++;
                    payload.release();
                }
                return;
            }
        }
        transmitData(payload, now);
    }

    /** Sends what waits for consent: all of it once the peer has been heard, before that what the budget allows. */
    private void drainBacklog(long now) {
        while (!backlog.isEmpty() && (peerHeard || unconsented.tryTake(backlog.headLength(), now))) {
            transmitData(backlog.poll(), now);
        }
    }

    private void transmitData(ByteBuf payload, long now) {
        PathTracker main = primary;
        if (main == null) {
            noPath++;
            payload.release();
            return;
        }
        int length = payload.readableBytes();
        sent++;
        PathTracker second = copy;
        if (!framing) {
            if (second != null) {
                second.sentData(0, length, now);
                transmit(second, payload.retainedDuplicate());
            }
            main.sentData(0, length, now);
            transmit(main, payload);
            return;
        }
        long seq = ++dataSeq;
        int frameLength = LinkFrame.HEADER_LENGTH + length;
        if (second != null) {
            ByteBuf duplicate = alloc.ioBuffer(frameLength);
            LinkFrame.setHeader(duplicate, 0, LinkFrame.TYPE_DATA, seq, second.highestDataReceived);
            duplicate.writerIndex(LinkFrame.HEADER_LENGTH).writeBytes(payload, payload.readerIndex(), length);
            second.sentData(seq, frameLength, now);
            transmit(second, duplicate);
        }
        ByteBuf frame = frame(payload, seq, main.highestDataReceived);
        main.sentData(seq, frameLength, now);
        transmit(main, frame);
    }

    /** The path the data goes on now, or null if there is none. */
    public LinkPath currentPath() {
        return primary == null ? null : primary.path;
    }

    /** The path that gets a copy of every packet now (a direct path being confirmed, or a failing one), or null. */
    public LinkPath copyPath() {
        return copy == null ? null : copy.path;
    }

    /** A snapshot; consistent when taken on the Link's thread. */
    public LinkStats statistics() {
        long now = scheduler.nanoTime();
        List<PathStats> list = new ArrayList<>();
        for (PathTracker t : paths) {
            if (t != null) {
                list.add(statsOf(t, now));
            }
        }
        long delay = delayDifference.estimate();
        return new LinkStats(List.copyOf(list), sent, delivered, rateLimited, noPath, reorder.givenUp(), lateArrivals,
                resyncs, delay < 0 ? null : Duration.ofNanos(delay), Duration.ofNanos(holdNanos()), malformed, forged);
    }

    /** Stops the timers and drops whatever is held; later calls release their buffers and do nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (tickTimer != null) {
            tickTimer.cancel();
        }
        if (holdTimer != null) {
            holdTimer.cancel();
        }
        reorder.discard();
        backlog.discard();
        primary = null;
        copy = null;
    }

    // ---- receiving ----------------------------------------------------------------------------------

    void receive(PathHandle handle, ByteBuf datagram) {
        PathTracker t = handle.tracker;
        if (closed || paths[t.index] != t) {
            datagram.release();
            return;
        }
        long now = scheduler.nanoTime();
        int bytes = datagram.readableBytes();
        if (!framing) {
            heard(t, 0, bytes, now);
            t.receivedData(0);
            released(datagram, t.index, false);
            return;
        }
        if (!LinkFrame.decode(datagram, header)) {
            t.malformed++;
            malformed++;
            datagram.release();
            return;
        }
        if (header.echo > dataSeq) {
            // An echo of data never sent on any path is forged or corrupt. One of data sent on another path is
            // genuine: the peer's path for this 5-tuple may have carried it before a NAT rebinding made ours new.
            t.forged++;
            forged++;
            datagram.release();
            return;
        }
        switch (header.type) {
            case LinkFrame.TYPE_DATA -> receiveData(t, datagram, bytes, now);
            case LinkFrame.TYPE_PROBE -> {
                datagram.release();
                receiveProbe(t, bytes, now);
            }
            default -> {
                datagram.release();
                receiveReply(t, bytes, now);
            }
        }
    }

    private void receiveData(PathTracker t, ByteBuf datagram, int bytes, long now) {
        long seq = header.seq;
        int verdict = window.accept(seq, t.index, now);
        if (verdict == ReceiveWindow.TOO_OLD || verdict == ReceiveWindow.TOO_NEW) {
            t.outOfWindow++;
            forged++;
            datagram.release();
            return;
        }
        heard(t, header.echo, bytes, now);
        t.receivedData(seq);
        if (t.index != lastDataPath) {
            // Data over a second path — a switch, or a copy — so a gap may be a packet still on its way.
            if (lastDataPath >= 0) {
                multipathUntil = now + config.multipathLinger().toNanos();
            }
            lastDataPath = t.index;
        }
        if (verdict == ReceiveWindow.DUPLICATE) {
            if (window.pathOf(seq) != t.index) {
                delayDifference.sample(now - window.arrivalOf(seq), now);
                if (holdTimer != null && holdTimerUnmeasured && delayDifference.estimate() >= 0) {
                    rearmHold(now);
                }
            }
            t.duplicates++;
            datagram.release();
            return;
        }
        if (verdict == ReceiveWindow.RESYNCED) {
            resyncs++;
            reorder.restartAt(seq);
        }
        if (t.index != firstArrivalPath) {
            if (firstArrivalPath >= 0) {
                forgetDelayDifference(now);
            }
            firstArrivalPath = t.index;
        }
        datagram.skipBytes(LinkFrame.HEADER_LENGTH);
        int outcome = reorder.offer(seq, datagram, t.index, now < multipathUntil || (reorder.atStart() && pathCount() > 1));
        if (outcome == ReorderBuffer.HELD) {
            t.held++;
            if (holdTimer == null) {
                armHold(holdNanos());
            }
        } else if (outcome == ReorderBuffer.LATE) {
            lateArrivals++;
        }
    }

    private int pathCount() {
        int n = 0;
        for (PathTracker p : paths) {
            n += p == null ? 0 : 1;
        }
        return n;
    }

    private void receiveProbe(PathTracker t, int bytes, long now) {
        heard(t, header.echo, bytes, now);
        boolean peerMoved = t.peerProbe(header.seq, header.flags, header.lossPermille);
        sendControl(t, LinkFrame.TYPE_PROBE_REPLY, header.seq, now);
        // The peer reaches us on a path we have not confirmed, or gave up on: ask back now, not at the next probe.
        if ((t.state == PathState.PROBING || t.state == PathState.DEAD)
                && now - t.probes.lastSentAt() >= config.confirmProbeInterval().toNanos()) {
            sendProbe(t, now);
        }
        if (peerMoved && followPeer) {
            reselect(now);
        }
    }

    private void receiveReply(PathTracker t, int bytes, long now) {
        int verdict = t.probes.replied(header.seq, now);
        if (verdict == ProbeLog.REPLY_FORGED) {
            t.forged++;
            forged++;
            return;
        }
        heard(t, header.echo, bytes, now);
        boolean peerMoved = t.peerSays(header.flags, header.lossPermille);
        PathState before = t.state;
        boolean changed = verdict == ProbeLog.REPLY_FIRST && t.answered(now);
        if (t.state != before) {
            logState(t);
        }
        if (verdict == ProbeLog.REPLY_FIRST && t.state == PathState.PROBING) {
            sendProbe(t, now);
        }
        if (changed || (peerMoved && followPeer)) {
            reselect(now);
        }
    }

    private void heard(PathTracker t, long echo, int bytes, long now) {
        boolean first = t.lastReceivedAt == PathTracker.NEVER;
        t.received(echo, bytes, now);
        if (first && t.vouchedFor()) {
            reselect(now); // The peer has the path ICE validated: it may carry the data now.
        }
        if (!peerHeard) {
            peerHeard = true;
            drainBacklog(now);
        }
    }

    /** Where the reorder buffer's output (and a bare peer's packets) go. */
    private void released(ByteBuf payload, int path, boolean afterExpiry) {
        PathTracker t = paths[path];
        if (afterExpiry && t != null) {
            t.releasedLate++;
        }
        delivered++;
        try {
            listener.onData(payload);
        } catch (RuntimeException e) {
            LOG.warn("link listener failed on a packet", e);
        }
    }

    private void holdExpired() {
        holdTimer = null;
        if (closed) {
            return;
        }
        long now = scheduler.nanoTime();
        long next = reorder.expire(now, holdNanos(), config.holdCeiling().toNanos());
        if (next >= 0) {
            armHold(next - now);
        }
    }

    private void armHold(long delayNanos) {
        holdTimerUnmeasured = delayDifference.estimate() < 0;
        holdTimer = scheduler.schedule(holdTask, delayNanos);
    }

    /**
     * The paths' delay difference measured before this switch says little of it: a relay whose queue grew while
     * the data went direct — nothing was copied, nothing measured — lets the direct path overtake more than it did
     * (seen in LinkReorderTest: 130 packets reordered at 5,000 packets/s). Until a duplicate measures it again,
     * early packets may wait the longest hold.
     */
    private void forgetDelayDifference(long now) {
        delayDifference.forget();
        if (holdTimer != null) {
            rearmHold(now);
        }
    }

    /** The first measured difference shortens the hold from the longest: packets held already wait no longer than it. */
    private void rearmHold(long now) {
        holdTimer.cancel();
        armHold(Math.max(0, reorder.nextDeadline(holdNanos(), config.holdCeiling().toNanos()) - now));
    }

    /**
     * How long an early packet may wait: the measured delay difference between the paths (never less than half
     * the RTT difference of the live paths), plus a margin, capped; the cap until a duplicate has measured it
     * (again, after each switch: {@link #forgetDelayDifference}).
     * Probed RTTs alone do not bound the difference: a relay's RTT, taken while it was idle, says nothing of
     * the queueing its data meets under load, and a direct path confirmed between two packets leaves no
     * duplicate to measure — guessing from RTTs then gave up packets still in flight on the relay.
     */
    private long holdNanos() {
        long measured = delayDifference.estimate();
        if (measured < 0) {
            return config.maxHold().toNanos();
        }
        long fastest = Long.MAX_VALUE;
        long slowest = -1;
        for (PathTracker t : paths) {
            if (t != null && t.state != PathState.DEAD && t.rtt.known()) {
                fastest = Math.min(fastest, t.rtt.smoothed());
                slowest = Math.max(slowest, t.rtt.smoothed());
            }
        }
        long fromRtt = slowest > fastest ? (slowest - fastest) / 2 : -1;
        return Math.min(config.holdCeiling().toNanos(), Math.max(measured, fromRtt) + config.holdMargin().toNanos());
    }

    // ---- sending --------------------------------------------------------------------------------------

    /** The payload behind a DATA header: in place if there is room before it, else copied. */
    private ByteBuf frame(ByteBuf payload, long seq, long echo) {
        int at = payload.readerIndex() - LinkFrame.HEADER_LENGTH;
        if (at >= 0 && !payload.isReadOnly()) {
            LinkFrame.setHeader(payload, at, LinkFrame.TYPE_DATA, seq, echo);
            return payload.readerIndex(at);
        }
        int length = payload.readableBytes();
        ByteBuf frame = alloc.ioBuffer(LinkFrame.HEADER_LENGTH + length);
        LinkFrame.setHeader(frame, 0, LinkFrame.TYPE_DATA, seq, echo);
        frame.writerIndex(LinkFrame.HEADER_LENGTH).writeBytes(payload, payload.readerIndex(), length);
        payload.release();
        return frame;
    }

    private void sendProbe(PathTracker t, long now) {
        long number = t.probes.sent(now);
        t.sentProbe(LinkFrame.PROBE_LENGTH, now);
        sendControl(t, LinkFrame.TYPE_PROBE, number, now);
    }

    private void sendControl(PathTracker t, int type, long seq, long now) {
        ByteBuf frame = alloc.ioBuffer(LinkFrame.PROBE_LENGTH);
        LinkFrame.writeProbe(frame, type, seq, t.highestDataReceived, t == primary ? LinkFrame.FLAG_PRIMARY : 0,
                t.lossInPermille());
        if (type == LinkFrame.TYPE_PROBE_REPLY) {
            t.sentReply(LinkFrame.PROBE_LENGTH);
        }
        transmit(t, frame);
    }

    private static void transmit(PathTracker t, ByteBuf frame) {
        try {
            t.path.send(frame);
        } catch (RuntimeException e) {
            t.sendErrors++;
            LOG.debug("send on {} failed", t.path.id(), e);
        }
    }

    // ---- paths over time ------------------------------------------------------------------------------

    private void tick() {
        tickTimer = null;
        if (closed) {
            return;
        }
        long now = scheduler.nanoTime();
        boolean changed = false;
        for (PathTracker t : paths) {
            if (t != null && t.tick(now)) {
                logState(t);
                changed = true;
            }
        }
        if (changed) {
            reselect(now);
        }
        for (PathTracker t : paths) {
            if (t != null && t.probeDue(now)) {
                sendProbe(t, now);
            }
        }
        if (!peerHeard) {
            drainBacklog(now);
        }
        tickTimer = scheduler.schedule(tickTask, config.tick().toNanos());
    }

    void reportState(PathHandle handle, PathState state) {
        Objects.requireNonNull(state, "state");
        if (framing) {
            throw new IllegalStateException("between Punchline peers the Link's own probes decide a path's state");
        }
        PathTracker t = handle.tracker;
        if (!closed && paths[t.index] == t && t.report(state, scheduler.nanoTime())) {
            logState(t);
            reselect(scheduler.nanoTime());
        }
    }

    void iceValidated(PathHandle handle) {
        PathTracker t = handle.tracker;
        if (closed || !framing || paths[t.index] != t || t.state != PathState.PROBING || t.iceValidated) {
            return;
        }
        t.iceValidated = true;
        reselect(scheduler.nanoTime());
    }

    void removePath(PathHandle handle) {
        PathTracker t = handle.tracker;
        if (closed || paths[t.index] != t) {
            return;
        }
        paths[t.index] = null;
        if (lastDataPath == t.index) {
            lastDataPath = -1;
        }
        if (firstArrivalPath == t.index) {
            firstArrivalPath = -1;
        }
        reselect(scheduler.nanoTime());
    }

    private void reselect(long now) {
        PathSelector.Selection chosen = selector.select(paths, primary, followPeer);
        PathTracker before = primary;
        primary = chosen.primary();
        copy = chosen.copy();
        if (before == primary) {
            return;
        }
        PathChange change = new PathChange(now, before == null ? null : before.path,
                primary == null ? null : primary.path,
                primary == null || !primary.rtt.known() ? null : Duration.ofNanos(primary.rtt.smoothed()),
                why(before, primary));
        LOG.info("link path {}", change);
        try {
            listener.onPathChange(change);
        } catch (RuntimeException e) {
            LOG.warn("link listener failed on a path change", e);
        }
    }

    private String why(PathTracker before, PathTracker after) {
        if (after == null) {
            return "no path left";
        }
        if (before == null) {
            return after.path.id() + " is the first usable path";
        }
        if (paths[before.index] != before) {
            return before.path.id() + " removed";
        }
        if (before.state == PathState.SUSPECT || before.state == PathState.DEAD) {
            return before.path.id() + " " + before.state.name().toLowerCase(Locale.ROOT) + ": " + before.reason;
        }
        if (after.state == PathState.TRUSTED && (before.state != PathState.TRUSTED || after.path.kind() != before.path.kind())) {
            return after.path.id() + " " + after.reason;
        }
        if (after.vouchedFor()) {
            return after.path.id() + " passed an ICE check; confirming it, with a copy of the data on "
                    + (copy == null ? "no other path" : copy.path.id());
        }
        if (after.state != PathState.TRUSTED) {
            return "nothing trusted yet; " + after.path.id() + " is " + after.state.name().toLowerCase(Locale.ROOT);
        }
        if (followPeer && after.peerPrimary) {
            return after.path.id() + " is the peer's choice";
        }
        return after.path.id() + " has the lower RTT";
    }

    private static void logState(PathTracker t) {
        LOG.debug("link path {} {}: {}", t.path.id(), t.state, t.reason);
    }

    private PathStats statsOf(PathTracker t, long now) {
        return new PathStats(t.path.id(), t.path.kind(), t.state, t.reason, t == primary, t == copy,
                t.rtt.known() ? Duration.ofNanos(t.rtt.smoothed()) : null, t.lossOutPermille / 1000.0,
                t.lossInPermille() / 1000.0, since(t.lastReceivedAt, now), since(t.lastAcknowledgedAt, now),
                t.packetsSent, t.bytesSent, t.packetsReceived, t.bytesReceived, t.dataSent, t.dataReceived,
                t.probesSent, t.probesMissed, t.duplicates, t.held, t.releasedLate, t.malformed, t.outOfWindow,
                t.forged, t.sendErrors);
    }

    private static Duration since(long at, long now) {
        return at == PathTracker.NEVER ? null : Duration.ofNanos(now - at);
    }

    /** Everything a Link needs; {@link #build()} checks that the scheduler and listener are there. */
    public static final class Builder {
        private LinkConfig config = LinkConfig.defaults();
        private LinkScheduler scheduler;
        private LinkListener listener;
        private ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        private boolean framing = true;
        private boolean followPeer;

        private Builder() {
        }

        public Builder config(LinkConfig v) {
            config = Objects.requireNonNull(v, "config");
            return this;
        }

        public Builder scheduler(LinkScheduler v) {
            scheduler = v;
            return this;
        }

        public Builder listener(LinkListener v) {
            listener = v;
            return this;
        }

        /** For probes and the copies sent on a second path. */
        public Builder allocator(ByteBufAllocator v) {
            alloc = Objects.requireNonNull(v, "allocator");
            return this;
        }

        /** Whether both ends speak {@link LinkFrame}s (true, the default) or the peer is a standard one (packets go bare). */
        public Builder framing(boolean v) {
            framing = v;
            return this;
        }

        /**
         * Set on the ICE-controlled side: among trusted paths of one kind, take the one the peer uses, so the
         * two sides cannot settle on different direct paths whose RTTs they measure slightly differently.
         */
        public Builder followPeer(boolean v) {
            followPeer = v;
            return this;
        }

        public Link build() {
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(listener, "listener");
            return new Link(this);
        }
    }
}
