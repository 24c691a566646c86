package dev.punchline.ice.control;

import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CheckList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Nomination for the controlling side that prefers direct paths. ice4j selects one pair for the Agent's
 * life, so nominating the relay while a direct pair may still validate would pin the session to the relay:
 * a direct pair is nominated as soon as it validates; a validated relay pair is held until every direct pair
 * is confirmed failed (one FAILED event is not proof, see {@code IceTimings.PAIR_FAILED_CONFIRMATION}),
 * until the peer said it has no more candidates and none is direct, or until the deadline. Replaces ice4j's
 * DefaultNominator (set to NONE), which also spares its non-daemon Timer. Runs on the control executor.
 */
final class DirectFirstNominator {

    private final Agent agent;
    private final CheckList checkList;
    private final Duration deadline;
    private final Predicate<CandidatePair> direct;
    private final Predicate<CandidatePair> confirmedFailed;

    private CandidatePair heldRelay;
    private long heldSinceNanos;
    private boolean remoteGatheringDone;
    private CandidatePair nominated;
    private String reason;

    /**
     * @param direct          whether a pair has no relayed candidate at either end
     * @param confirmedFailed whether a pair has stayed FAILED long enough to be believed
     */
    DirectFirstNominator(Agent agent, CheckList checkList, Duration deadline, Predicate<CandidatePair> direct,
                         Predicate<CandidatePair> confirmedFailed) {
        this.agent = agent;
        this.checkList = checkList;
        this.deadline = deadline;
        this.direct = direct;
        this.confirmedFailed = confirmedFailed;
    }

    /** A pair was validated. Returns true if the caller should schedule {@link #reconsider} at the deadline. */
    boolean validated(CandidatePair pair) {
        if (nominated != null) {
            return false;
        }
        if (direct.test(pair)) {
            nominate(pair, "direct pair validated");
            return false;
        }
        boolean first = heldRelay == null;
        if (first) {
            heldSinceNanos = System.nanoTime();
        }
        if (first || pair.getPriority() > heldRelay.getPriority()) {
            heldRelay = pair;
        }
        reconsider();
        return first;
    }

    /** The peer signalled end-of-candidates (RFC 8838). */
    void remoteGatheringDone() {
        remoteGatheringDone = true;
        reconsider();
    }

    /** Looks again at a held relay pair: after a failure was confirmed, at the deadline, on the peer's end. */
    void reconsider() {
        if (nominated != null || heldRelay == null) {
            return;
        }
        List<CandidatePair> directPairs = directPairs();
        if (!directPairs.isEmpty() && directPairs.stream().allMatch(confirmedFailed)) {
            nominate(heldRelay, "all " + directPairs.size() + " direct candidate pairs failed");
        } else if (directPairs.isEmpty() && remoteGatheringDone) {
            nominate(heldRelay, "no direct candidate pair: the peer's candidates cannot reach ours directly");
        } else if (System.nanoTime() - heldSinceNanos >= deadline.toNanos()) {
            nominate(heldRelay, "no direct pair validated within " + deadline.toMillis() + " ms");
        }
    }

    /** Why the pair ice4j selected was chosen, if we chose it. */
    String reasonFor(CandidatePair selected) {
        if (nominated != null && nominated.equals(selected)) {
            return reason;
        }
        return agent.isControlling() ? "nominated by ice4j" : "nominated by the peer";
    }

    private void nominate(CandidatePair pair, String why) {
        if (!agent.isControlling()) {
            return; // A role conflict made us controlled: the peer nominates.
        }
        nominated = pair;
        reason = why;
        agent.nominate(pair);
    }

    private List<CandidatePair> directPairs() {
        List<CandidatePair> pairs = new ArrayList<>();
        synchronized (checkList) {
            for (CandidatePair pair : checkList) {
                if (direct.test(pair)) {
                    pairs.add(pair);
                }
            }
        }
        return pairs;
    }
}
