package dev.punchline.turn.server.policy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request budget per source ({@link SourcePrefix}): a token bucket of {@code rate} requests a second that holds up to
 * {@code burst} worth of that rate. Meant for clients that hold no allocation, whose requests cost an answer and, once
 * they carry credentials, an HMAC; over UDP their source can be forged, and the answers would then go to whoever was
 * forged. The table keeps the sources seen last: a flood of forged sources only evicts old buckets, so a real client then
 * starts afresh instead of being locked out, and memory stays bounded.
 *
 * <p>Thread-safe (one lock); it sits only on the path of clients without an allocation, never on relayed traffic.
 */
public final class SourceRateLimiter {

    /** About 2 MB of buckets; a source not seen among the last this many starts with a full bucket. */
    private static final int MAX_SOURCES = 16_384;

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    private final double perNano;
    private final double burst;
    private final Map<InetAddress, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    /** @param perSecond requests a second per source, at least 1 */
    public SourceRateLimiter(int perSecond, Duration burst) {
        this.perNano = perSecond / 1e9;
        this.burst = Math.max(1, perSecond * burst.toNanos() / 1e9);
    }

    /** Whether {@code source} may send one more request at {@code now} (System.nanoTime), taking it from its budget. */
    public synchronized boolean tryAcquire(InetAddress source, long now) {
        InetAddress key = SourcePrefix.of(source);
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            buckets.put(key, new Bucket(burst - 1, now));
            return true;
        }
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.last) * perNano);
        bucket.last = now;
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }
}
