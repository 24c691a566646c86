package dev.punchline.ice.link;

/**
 * Which path carries the data, and which one gets a copy. Runs only when something changed (a path's state,
 * a path added or removed, the peer's choice), never per packet.
 *
 * <ul>
 * <li>Primary: a trusted direct path if there is one, else a trusted relay. Among several, the lowest RTT —
 *     but the current one stays unless another is faster by {@code switchGain} and {@code switchMinGain}, so
 *     RTT noise never moves traffic. On the ICE-controlled side, the path the peer marks as its primary wins
 *     among the trusted ones of the same kind, so both sides settle on the same path even when their RTT
 *     measurements disagree.
 * <li>No trusted direct path, but one that ICE validated (a connectivity check succeeded on its 5-tuple, proof of
 *     a round trip and of the peer's consent), that the peer's Link has been heard on, and that our probes are
 *     still confirming: it carries the data, and the
 *     relay a copy of every packet until it is confirmed — the data moves direct a round trip or two sooner, and
 *     loses nothing if the path never confirms (it dies, and the relay carries on alone). It goes before a
 *     trusted relay. (A packet over it may overtake earlier ones still on the relay, even the very first ones:
 *     the receiver holds such gaps, see Link.)
 * <li>Nothing trusted (the start of a session, or everything failing at once): the relay unless it is dead,
 *     because it works through any NAT — that is how data flows over the relay from the first packet, and
 *     why a direct path answering before the relay does not pull the data over for a round trip; among
 *     paths of a kind, suspect before confirming before unanswered.
 * <li>Copy: with the primary on a relay, the best direct path that is being confirmed or is suspect gets
 *     every packet too (confirming a new direct path, or falling back from a failing one, loses nothing);
 *     with an untrusted primary (a direct path ICE validated, say), the best other live path does (a relay
 *     first, or a direct path that has answered).
 * </ul>
 */
final class PathSelector {
    private final LinkConfig config;

    PathSelector(LinkConfig config) {
        this.config = config;
    }

    record Selection(PathTracker primary, PathTracker copy) {
    }

    Selection select(PathTracker[] paths, PathTracker current, boolean followPeer) {
        PathTracker primary = bestTrusted(paths, PathKind.DIRECT, current, followPeer);
        if (primary == null) {
            primary = bestVouchedFor(paths, current);
        }
        if (primary == null) {
            primary = bestTrusted(paths, PathKind.RELAY, current, followPeer);
        }
        if (primary == null) {
            primary = mostPromising(paths, null, current);
        }
        PathTracker copy = null;
        if (primary != null && primary.path.kind() == PathKind.RELAY) {
            copy = bestCopy(paths, PathKind.DIRECT);
        }
        if (copy == null && primary != null && primary.state != PathState.TRUSTED) {
            copy = mostPromising(paths, primary, null);
            if (copy != null && !mayCarryCopy(copy)) {
                copy = null;
            }
        }
        return new Selection(primary, copy);
    }

    private PathTracker bestTrusted(PathTracker[] paths, PathKind kind, PathTracker current, boolean followPeer) {
        PathTracker fastest = null;
        boolean currentTrusted = false;
        for (PathTracker p : paths) {
            if (p == null || p.state != PathState.TRUSTED || p.path.kind() != kind) {
                continue;
            }
            if (followPeer && p.peerPrimary) {
                return p;
            }
            currentTrusted |= p == current;
            if (fastest == null || rttOf(p) < rttOf(fastest)) {
                fastest = p;
            }
        }
        if (!currentTrusted || fastest == current) {
            return fastest;
        }
        long now = rttOf(current);
        long gain = now - rttOf(fastest);
        boolean worthIt = gain > config.switchMinGain().toNanos() && gain > config.switchGain() * now;
        return worthIt ? fastest : current;
    }

    /** Among direct paths ICE validated that our probes have not confirmed yet: the current one, else the further confirmed. */
    private static PathTracker bestVouchedFor(PathTracker[] paths, PathTracker current) {
        PathTracker best = null;
        for (PathTracker p : paths) {
            if (p != null && p.path.kind() == PathKind.DIRECT && p.vouchedFor()
                    && (best == null || p == current || (best != current && rank(p) > rank(best)))) {
                best = p;
            }
        }
        return best;
    }

    private static PathTracker bestCopy(PathTracker[] paths, PathKind kind) {
        PathTracker best = null;
        for (PathTracker p : paths) {
            if (p != null && p.path.kind() == kind && p.carriesCopy()
                    && (best == null || rank(p) > rank(best) || (rank(p) == rank(best) && rttOf(p) < rttOf(best)))) {
                best = p;
            }
        }
        return best;
    }

    private static PathTracker mostPromising(PathTracker[] paths, PathTracker excluded, PathTracker current) {
        PathTracker best = null;
        for (PathTracker p : paths) {
            if (p != null && p != excluded && (best == null || better(p, best, current))) {
                best = p;
            }
        }
        return best;
    }

    /** Without a trusted path: anything alive before the dead, then the relay, then the further confirmed, then the current. */
    private static boolean better(PathTracker a, PathTracker b, PathTracker current) {
        boolean aDead = a.state == PathState.DEAD;
        if (aDead != (b.state == PathState.DEAD)) {
            return !aDead;
        }
        if (a.path.kind() != b.path.kind()) {
            return a.path.kind() == PathKind.RELAY;
        }
        if (rank(a) != rank(b)) {
            return rank(a) > rank(b);
        }
        return a == current;
    }

    /** Not dead, and, for a direct path, answered at least once: data goes nowhere the peer has not shown it receives. */
    private static boolean mayCarryCopy(PathTracker p) {
        return p.state != PathState.DEAD && (p.path.kind() == PathKind.RELAY || rank(p) >= 2);
    }

    private static int rank(PathTracker p) {
        return switch (p.state) {
            case TRUSTED -> 4;
            case SUSPECT -> 3;
            case PROBING -> p.answeredInState() ? 2 : 1;
            case DEAD -> 0;
        };
    }

    private static long rttOf(PathTracker p) {
        return p.rtt.known() ? p.rtt.smoothed() : Long.MAX_VALUE / 2;
    }
}
