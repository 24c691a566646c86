package dev.punchline.ice.link;

/**
 * The last few probes sent on one path: when each went out and whether it has been answered or given up,
 * so a reply yields an RTT sample, a reply to a probe never sent is recognised as forged, and a probe left
 * unanswered too long counts as missed exactly once. A fixed ring; nothing is allocated per probe.
 */
final class ProbeLog {
    /**
     * Replies later than this many newer probes are ignored: 1.6 s at the confirmation interval (50 ms), 6.4 s at
     * the heartbeat. With 8, a path whose RTT passed 400 ms while it was being confirmed — a relay whose probes
     * queue behind a 5,000 packets/s stream, or a satellite hop — could never be confirmed and was declared dead.
     */
    private static final int SLOTS = 32;
    private static final int OUTSTANDING = 0;
    private static final int ANSWERED = 1;
    private static final int MISSED = 2;

    static final int REPLY_FIRST = 0;
    static final int REPLY_REPEATED = 1;
    static final int REPLY_TOO_OLD = 2;
    static final int REPLY_FORGED = 3;

    private final long[] sentAt = new long[SLOTS];
    private final int[] status = new int[SLOTS];
    private long lastNumber;
    private long lastRtt;

    /** Records a new probe; returns its number (1, 2, 3 ...). */
    long sent(long now) {
        long number = ++lastNumber;
        int i = (int) (number % SLOTS);
        sentAt[i] = now;
        status[i] = OUTSTANDING;
        return number;
    }

    long lastNumber() {
        return lastNumber;
    }

    long lastSentAt() {
        return lastNumber == 0 ? Long.MIN_VALUE : sentAt[(int) (lastNumber % SLOTS)];
    }

    /**
     * A reply to probe {@code number} arrived at {@code now}; on REPLY_FIRST, {@link #lastRtt()} holds its round
     * trip. A reply to a probe already counted missed is still a first reply: the path works, only slowly.
     */
    int replied(long number, long now) {
        if (number > lastNumber || number < 1) {
            return REPLY_FORGED;
        }
        if (number <= lastNumber - SLOTS) {
            return REPLY_TOO_OLD;
        }
        int i = (int) (number % SLOTS);
        if (status[i] == ANSWERED) {
            return REPLY_REPEATED;
        }
        status[i] = ANSWERED;
        lastRtt = now - sentAt[i];
        return REPLY_FIRST;
    }

    long lastRtt() {
        return lastRtt;
    }

    /** Marks the probes unanswered for longer than {@code timeout} as missed; returns how many newly are. */
    int expire(long now, long timeout) {
        int missed = 0;
        for (long n = Math.max(1, lastNumber - SLOTS + 1); n <= lastNumber; n++) {
            int i = (int) (n % SLOTS);
            if (status[i] == OUTSTANDING && now - sentAt[i] > timeout) {
                status[i] = MISSED;
                missed++;
            }
        }
        return missed;
    }
}
