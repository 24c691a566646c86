package dev.punchline.turn.client;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the CreatePermission requests for a set of addresses ended: which the server granted, which it
 * refused (403/443), and which did not get an answer either way (timeout, other errors), with the first
 * such failure.
 */
record PermitOutcome(Set<InetAddress> granted, Set<InetAddress> refused, Set<InetAddress> unanswered,
                     Throwable failure) {

    static final PermitOutcome NOTHING = new PermitOutcome(Set.of(), Set.of(), Set.of(), null);

    static PermitOutcome granted(List<InetAddress> addresses) {
        return new PermitOutcome(Set.copyOf(addresses), Set.of(), Set.of(), null);
    }

    static PermitOutcome refused(List<InetAddress> addresses) {
        return new PermitOutcome(Set.of(), Set.copyOf(addresses), Set.of(), null);
    }

    static PermitOutcome failed(List<InetAddress> addresses, Throwable failure) {
        return new PermitOutcome(Set.of(), Set.of(), Set.copyOf(addresses), failure);
    }

    PermitOutcome plus(PermitOutcome other) {
        return new PermitOutcome(union(granted, other.granted), union(refused, other.refused),
                union(unanswered, other.unanswered), failure != null ? failure : other.failure);
    }

    /** What this outcome says of one address, for a caller that joined a request made for several. */
    PermitOutcome about(InetAddress address) {
        return new PermitOutcome(only(granted, address), only(refused, address), only(unanswered, address),
                unanswered.contains(address) ? failure : null);
    }

    private static Set<InetAddress> only(Set<InetAddress> set, InetAddress address) {
        return set.contains(address) ? Set.of(address) : Set.of();
    }

    /** The failure a caller of permit() sees, or null when everything was granted. */
    Throwable asFailure() {
        if (failure != null) {
            return failure;
        }
        return refused.isEmpty() ? null : new PermissionRefusedException(refused, granted);
    }

    private static Set<InetAddress> union(Set<InetAddress> a, Set<InetAddress> b) {
        Set<InetAddress> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
