package dev.punchline.turn.server.allocation;

import dev.punchline.turn.TurnTimings;
import io.netty.util.concurrent.EventExecutor;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Relay ports held back by EVEN-PORT's R bit until an Allocate claims them with the RESERVATION-TOKEN, or until
 * {@link TurnTimings#RESERVATION_LIFETIME} passes. Tokens are random so that nobody can claim another's port by
 * guessing.
 */
final class Reservations {

    private record Held(boolean ipv6, int port) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Held> held = new ConcurrentHashMap<>();

    /** Holds {@code port} and returns the 8-byte token; {@code onExpiry} gets the port if nobody claims it. */
    byte[] hold(boolean ipv6, int port, EventExecutor timer, IntConsumer onExpiry) {
        long token = random.nextLong();
        held.put(token, new Held(ipv6, port));
        timer.schedule(() -> {
            Held expired = held.remove(token);
            if (expired != null) {
                onExpiry.accept(expired.port);
            }
        }, TurnTimings.RESERVATION_LIFETIME.toNanos(), TimeUnit.NANOSECONDS);
        return ByteBuffer.allocate(Long.BYTES).putLong(token).array();
    }

    /** The held port's number for this token and family, now claimed; -1 when the token is unknown or expired. */
    int claim(byte[] token, boolean ipv6) {
        Held h = held(token);
        if (h == null || h.ipv6 != ipv6 || !held.remove(key(token), h)) {
            return -1;
        }
        return h.port;
    }

    /** Whether the port held under {@code token} is an IPv6 one; false when the token is unknown or expired. */
    boolean isIpv6(byte[] token) {
        Held h = held(token);
        return h != null && h.ipv6;
    }

    private Held held(byte[] token) {
        return token.length == Long.BYTES ? held.get(key(token)) : null;
    }

    private static long key(byte[] token) {
        return ByteBuffer.wrap(token).getLong();
    }
}
