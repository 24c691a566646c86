package dev.punchline.ice;

import java.util.EnumMap;
import java.util.Map;

/** A snapshot of the bad input a session dropped since it opened, by {@link BadInput} reason. */
public final class BadInputCounts {
    private final Map<BadInput, Long> counts;

    BadInputCounts(Map<BadInput, Long> counts) {
        this.counts = new EnumMap<>(counts);
    }

    /** Datagrams dropped for {@code reason}. */
    public long count(BadInput reason) {
        return counts.getOrDefault(reason, 0L);
    }

    /** Datagrams dropped for any reason. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("BadInputCounts[");
        for (BadInput reason : BadInput.values()) {
            s.append(reason).append(' ').append(count(reason)).append(reason.ordinal() < BadInput.values().length - 1
                    ? ", " : "]");
        }
        return s.toString();
    }
}
