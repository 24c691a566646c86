package dev.punchline.turn.server.protocol;

import dev.punchline.turn.server.TurnServerConfig;
import dev.punchline.turn.wire.Lifetime;
import dev.punchline.turn.wire.StunMessage;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** RFC 8656 §7.2 and §7.3: the "desired lifetime" of an Allocate or Refresh. */
final class Lifetimes {

    private Lifetimes() {
    }

    /**
     * The requested LIFETIME capped at the maximum and raised to the default; the default without the attribute. A
     * requested 0 stays 0 (Refresh deletes).
     */
    static long desiredNanos(StunMessage request, TurnServerConfig config) {
        Optional<Lifetime> requested = request.attribute(Lifetime.class);
        if (requested.isEmpty()) {
            return config.defaultLifetime().toNanos();
        }
        long seconds = requested.get().seconds();
        if (seconds == 0) {
            return 0;
        }
        long asked = TimeUnit.SECONDS.toNanos(seconds);
        long capped = Math.min(asked, config.maxLifetime().toNanos());
        return Math.max(capped, config.defaultLifetime().toNanos());
    }

    /** What LIFETIME says back: whole seconds, rounded up so a sub-second test lifetime does not read as 0. */
    static Lifetime attribute(long nanos) {
        return new Lifetime((nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }
}
