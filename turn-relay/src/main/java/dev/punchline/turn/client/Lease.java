package dev.punchline.turn.client;

/**
 * Something the server grants for a while and the client refreshes while it carries data: a permission
 * or a channel binding. Times are {@link System#nanoTime()} values; the data path reads and marks these
 * fields from any thread.
 */
abstract class Lease {
    /** Until when the server certainly still has it; in the past when it has not. */
    volatile long validUntil = longAgo();
    /** Data went through it since it was last installed or refreshed. */
    volatile boolean used;

    boolean validAt(long now) {
        return validUntil - now > 0;
    }

    /**
     * A time before any the caller may already hold. Marking something expired with "now" would not do:
     * a thread that read the clock a moment earlier would still find it valid.
     */
    static long longAgo() {
        return System.nanoTime() - (1L << 62);
    }
}
