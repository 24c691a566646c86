package dev.punchline.ice.link;

/** Smoothed round-trip time and its mean deviation, as RFC 6298 §2 keeps them for TCP (gains 1/8 and 1/4). */
final class RttEstimator {
    private long smoothed = -1;
    private long deviation;

    void sample(long rttNanos) {
        long rtt = Math.max(0, rttNanos);
        if (smoothed < 0) {
            smoothed = rtt;
            deviation = rtt / 2;
        } else {
            deviation += (Math.abs(smoothed - rtt) - deviation) / 4;
            smoothed += (rtt - smoothed) / 8;
        }
    }

    boolean known() {
        return smoothed >= 0;
    }

    /** Smoothed RTT in nanoseconds, or -1 before the first sample. */
    long smoothed() {
        return smoothed;
    }

    long deviation() {
        return deviation;
    }
}
