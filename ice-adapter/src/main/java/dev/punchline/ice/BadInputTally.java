package dev.punchline.ice;

import dev.punchline.ice.link.LinkStats;
import dev.punchline.ice.net.DemuxCounters;
import dev.punchline.ice.net.DropReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A session's count of bad input: what it drops itself (STUN its ICE controller refused, Link frames from unknown
 * sources), summed on demand with what its sockets' demultiplexers and its Link dropped, which count on their own.
 * Thread-safe.
 */
final class BadInputTally {
    private final Map<BadInput, LongAdder> own = new EnumMap<>(BadInput.class);

    BadInputTally() {
        for (BadInput reason : BadInput.values()) {
            own.put(reason, new LongAdder());
        }
    }

    void count(BadInput reason) {
        own.get(reason).increment();
    }

    /** What the session dropped itself for {@code reason}. */
    long own(BadInput reason) {
        return own.get(reason).sum();
    }

    /** Ours, the demultiplexers' and the Link's ({@code link} null before there is one). */
    BadInputCounts snapshot(List<DemuxCounters> demultiplexers, LinkStats link) {
        Map<BadInput, Long> sum = new EnumMap<>(BadInput.class);
        own.forEach((reason, n) -> sum.put(reason, n.sum()));
        for (DemuxCounters counters : demultiplexers) {
            for (DropReason drop : DropReason.values()) {
                BadInput.of(drop).ifPresent(reason -> sum.merge(reason, counters.dropped(drop), Long::sum));
            }
        }
        if (link != null) {
            sum.merge(BadInput.MALFORMED, link.malformed(), Long::sum);
            sum.merge(BadInput.FORGED_FRAME, link.forged(), Long::sum);
        }
        return new BadInputCounts(sum);
    }
}
