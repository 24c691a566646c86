package dev.punchline.turn.server.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cap on things held at once, in total and per key (allocations per user, connections per source). Thread-safe and
 * lock-free; a key's counter exists only while it holds something, so a stream of one-off keys leaves nothing behind.
 *
 * @param <K> what the per-key cap counts by
 */
public final class KeyedQuota<K> {

    /** What {@link #take} decided. */
    public enum Verdict { TAKEN, TOTAL_FULL, KEY_FULL }

    private final int maxTotal;
    private final int maxPerKey;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<K, AtomicInteger> perKey = new ConcurrentHashMap<>();

    public KeyedQuota(int maxTotal, int maxPerKey) {
        this.maxTotal = maxTotal;
        this.maxPerKey = maxPerKey;
    }

    /** Takes one unit for {@code key} unless a cap is reached; only {@link Verdict#TAKEN} must be given back. */
    public Verdict take(K key) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Verdict.TOTAL_FULL;
        }
        // Counted inside compute, so a counter never leaves the map while another thread is counting on it.
        boolean[] full = new boolean[1];
        perKey.compute(key, (k, count) -> {
            AtomicInteger held = count == null ? new AtomicInteger() : count;
            full[0] = held.get() >= maxPerKey;
            if (!full[0]) {
                held.incrementAndGet();
            }
            return held.get() == 0 ? null : held;
        });
        if (full[0]) {
            total.decrementAndGet();
            return Verdict.KEY_FULL;
        }
        return Verdict.TAKEN;
    }

    /** Gives back a unit {@link #take} granted. */
    public void give(K key) {
        perKey.computeIfPresent(key, (k, count) -> count.decrementAndGet() == 0 ? null : count);
        total.decrementAndGet();
    }

    /** Units held now, in all. */
    public int held() {
        return total.get();
    }
}
