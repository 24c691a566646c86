package dev.punchline.ice.link;

import java.util.Arrays;

/**
 * Which data sequence numbers have arrived, over the last {@code size} of them: a bitmap ring indexed by
 * sequence number, O(1) per frame and allocation-free, beside rings of each sequence number's first arrival
 * time and path (from which a duplicate measures the delay difference between two paths, and the reorder
 * hold its deadlines).
 *
 * <p>Acceptance is bounded on both sides: a frame more than {@code size} ahead of the highest sequence
 * number seen, or {@code size} or more behind it, is refused, so a forged sequence number can neither push
 * the window away from the real stream nor fill it. Only {@code resyncAfter} consecutive refused frames that
 * agree with each other — increasing, within one window of each other, no in-window frame between them —
 * and arrive after no in-window frame for {@code resyncQuiet} move the window to them: that is a peer whose
 * packets were all lost for longer than the window holds (a long outage at a high rate: 50,000 packets lost
 * in the half second before a cut is noticed at 100,000 packets/s), or that started over. Forged frames
 * mixed into a live stream never move it; without authentication (the later end-to-end encryption checks
 * frames before they reach the window) a burst of them into a quiet stream can, and the real stream then
 * moves it back the same way.
 */
final class ReceiveWindow {
    static final int ACCEPTED = 0;
    static final int DUPLICATE = 1;
    static final int TOO_OLD = 2;
    static final int TOO_NEW = 3;
    /** Accepted as the start of a new window (everything remembered before it is forgotten). */
    static final int RESYNCED = 4;

    private final int size;
    private final int mask;
    private final int resyncAfter;
    private final long resyncQuiet;
    private final long[] bits;
    private final long[] arrivalNanos;
    private final byte[] arrivalPath;
    /** Highest sequence number accepted; 0 before the first (sequence numbers start at 1). */
    private long highest;
    private long resyncCandidate;
    private int resyncVotes;
    private long lastInWindowAt = Long.MIN_VALUE;

    ReceiveWindow(int minimumSize, int resyncAfter, long resyncQuietNanos) {
        this.size = Integer.highestOneBit(minimumSize - 1) << 1;
        this.mask = size - 1;
        this.resyncAfter = resyncAfter;
        this.resyncQuiet = resyncQuietNanos;
        this.bits = new long[size / Long.SIZE];
        this.arrivalNanos = new long[size];
        this.arrivalPath = new byte[size];
    }

    int size() {
        return size;
    }

    long highest() {
        return highest;
    }

    /** Records that {@code seq} arrived over path {@code path} at {@code now}; returns one of the constants. */
    int accept(long seq, int path, long now) {
        if (seq > highest + size || seq <= highest - size) {
            return outOfWindow(seq, path, now);
        }
        resyncVotes = 0;
        lastInWindowAt = now;
        if (seq > highest) {
            forgetBetween(highest, seq);
            highest = seq;
        } else if (isSet(seq)) {
            return DUPLICATE;
        }
        remember(seq, path, now);
        return ACCEPTED;
    }

    /** When {@code seq} (accepted, still inside the window) first arrived. */
    long arrivalOf(long seq) {
        return arrivalNanos[(int) seq & mask];
    }

    /** Over which path {@code seq} (accepted, still inside the window) first arrived. */
    int pathOf(long seq) {
        return arrivalPath[(int) seq & mask];
    }

    private int outOfWindow(long seq, int path, long now) {
        if (resyncVotes > 0 && seq >= resyncCandidate && seq - resyncCandidate <= size) {
            // A copy of the last candidate (sent on two paths) agrees but adds no vote.
            resyncVotes += seq > resyncCandidate ? 1 : 0;
        } else {
            resyncVotes = 1;
        }
        resyncCandidate = seq;
        if (resyncVotes < resyncAfter || now - lastInWindowAt < resyncQuiet) {
            return seq > highest ? TOO_NEW : TOO_OLD;
        }
        resyncVotes = 0;
        lastInWindowAt = now;
        Arrays.fill(bits, 0L);
        highest = seq;
        remember(seq, path, now);
        return RESYNCED;
    }

    private void remember(long seq, int path, long now) {
        int i = (int) seq & mask;
        bits[i >>> 6] |= 1L << i;
        arrivalNanos[i] = now;
        arrivalPath[i] = (byte) path;
    }

    private boolean isSet(long seq) {
        int i = (int) seq & mask;
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    /** Clears the slots of the sequence numbers strictly between {@code from} and {@code to}, which now start over. */
    private void forgetBetween(long from, long to) {
        if (to - from > size) {
            Arrays.fill(bits, 0L);
            return;
        }
        for (long s = from + 1; s < to; s++) {
            int i = (int) s & mask;
            bits[i >>> 6] &= ~(1L << i);
        }
    }
}
