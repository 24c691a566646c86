package dev.punchline.ice.link;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A path's verdicts from what comes back on it, on a clock the test moves. */
class PathTrackerTest {
    private static final long MS = 1_000_000L;
    private static final LinkConfig CONFIG = LinkConfig.defaults();

    private final PathTracker path = new PathTracker(new TestPath("relay", PathKind.RELAY, b -> b.release()), 0,
            CONFIG, 0);
    private long now;
    private long dataSeq;

    /**
     * Under load a path's probe replies queue behind its data (or behind a paused receiver) and come back later
     * than any probe timeout, while the data itself keeps being acknowledged: such a path is alive, and however
     * many of its probes time out it must not be declared dead.
     */
    @Test
    void probesTimingOutWhileDataIsAcknowledgedBothWaysNeverKillAPath() {
        confirm();
        advance(Duration.ofMillis(700));
        assertEquals(PathState.SUSPECT, path.state, "700 ms without a frame: " + path.reason);

        for (int step = 0; step < 200; step++) {
            if (path.probeDue(now)) {
                path.probes.sent(now);
                path.sentProbe(LinkFrame.PROBE_LENGTH, now);
            }
            path.sentData(++dataSeq, 100, now);
            path.received(dataSeq - 1, 100, now);
            path.tick(now);
            now += 25 * MS;
        }

        assertEquals(PathState.SUSPECT, path.state, path.reason);
    }

    @Test
    void probesTimingOutWithNothingAcknowledgedKillAPathThatWasSuspect() {
        confirm();
        advance(Duration.ofMillis(700));
        assertEquals(PathState.SUSPECT, path.state);

        for (int step = 0; step < 200 && path.state != PathState.DEAD; step++) {
            if (path.probeDue(now)) {
                path.probes.sent(now);
                path.sentProbe(LinkFrame.PROBE_LENGTH, now);
            }
            path.sentData(++dataSeq, 100, now);
            path.received(0, 100, now);
            path.tick(now);
            now += 25 * MS;
        }

        assertEquals(PathState.DEAD, path.state, "frames arrive but none acknowledges our data: one-way dead");
    }

    private void confirm() {
        for (int i = 0; i < CONFIG.confirmReplies(); i++) {
            long number = path.probes.sent(now);
            path.sentProbe(LinkFrame.PROBE_LENGTH, now);
            now += 40 * MS;
            assertEquals(ProbeLog.REPLY_FIRST, path.probes.replied(number, now));
            path.received(0, LinkFrame.PROBE_LENGTH, now);
            path.answered(now);
        }
        assertEquals(PathState.TRUSTED, path.state);
    }

    /** Time passes with nothing arriving (the Link ticks). */
    private void advance(Duration d) {
        for (long end = now + d.toNanos(); now < end; now += 25 * MS) {
            path.tick(now);
        }
    }
}
