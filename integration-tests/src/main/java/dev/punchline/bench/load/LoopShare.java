package dev.punchline.bench.load;

import dev.punchline.bench.BenchTimings;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sessions of one session set that live on one event loop, and what they did in the current step. Everything
 * here runs on that loop (callers submit to it), so the counters need no synchronisation and cost a plain increment.
 *
 * <p>Sending is paced, open-loop: every {@link BenchTimings#SEND_TICK} the loop sends what the rate owes since the
 * step started, a few frames per session in turn, so a slow relay does not slow the offered load down.
 */
final class LoopShare {

    private static final int NO_STEP = -1;
    /** Frames one session sends back to back before the next session's turn: small bursts, as a real sender makes. */
    private static final int BURST = 4;
    private static final long MAX_ROUND_TRIP_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final EventLoop loop;
    private final List<Session> sessions = new ArrayList<>();
    private final Histogram roundTrips = new Histogram(MAX_ROUND_TRIP_NANOS, 3);
    private int step = NO_STEP;
    private double packetsPerNano;
    private long startedAt;
    private long stoppedAt;
    private long sent;
    private long forgone;
    private long received;
    private long late;
    private long reordered;
    private int cursor;
    private ScheduledFuture<?> ticker;

    LoopShare(EventLoop loop) {
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    void add(Session session) {
        sessions.add(session);
    }

    List<Session> sessions() {
        return sessions;
    }

    /** Starts sending {@code packetsPerSecond} frames of step {@code step}; on the loop. */
    void start(int step, double packetsPerSecond) {
        this.step = step;
        packetsPerNano = packetsPerSecond / TimeUnit.SECONDS.toNanos(1);
        sent = forgone = received = late = reordered = 0;
        roundTrips.reset();
        startedAt = System.nanoTime();
        stoppedAt = 0;
        long tick = BenchTimings.SEND_TICK.toNanos();
        ticker = loop.scheduleAtFixedRate(this::tick, 0, tick, TimeUnit.NANOSECONDS);
    }

    /** Stops sending; echoes of this step still count until {@link #collect()}. On the loop. */
    void stopSending() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
        tick();
        stoppedAt = System.nanoTime();
    }

    /** The step's counts; echoes arriving after this count as late. On the loop. */
    LoopCounts collect() {
        step = NO_STEP;
        return new LoopCounts(sent, forgone, received, late, reordered, stoppedAt - startedAt, roundTrips.copy());
    }

    void onEcho(Session session, ByteBuf frame) {
        if (step == NO_STEP || ProbeFrame.step(frame) != step) {
            late++;
            return;
        }
        received++;
        long roundTrip = System.nanoTime() - ProbeFrame.sentAt(frame);
        roundTrips.recordValue(Math.max(0, Math.min(roundTrip, MAX_ROUND_TRIP_NANOS)));
        if (!session.inOrder(ProbeFrame.sequence(frame))) {
            reordered++;
        }
    }

    private void tick() {
        if (step == NO_STEP || sessions.isEmpty()) {
            return;
        }
        long owed = (long) ((System.nanoTime() - startedAt) * packetsPerNano) - sent - forgone;
        long cap = Math.max(BURST, (long) (BenchTimings.MAX_CATCH_UP.toNanos() * packetsPerNano));
        if (owed > cap) {
            forgone += owed - cap;
            owed = cap;
        }
        while (owed > 0) {
            Session session = sessions.get(cursor);
            cursor = cursor + 1 == sessions.size() ? 0 : cursor + 1;
            int burst = (int) Math.min(owed, BURST);
            session.send(step, burst);
            sent += burst;
            owed -= burst;
        }
    }
}
