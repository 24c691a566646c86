package dev.punchline.ice.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A listener that records what a controller reports and, when wired, plays signalling: it hands the
 * peer's controller our credentials, trickled candidates and end-of-candidates, in the order they came.
 */
final class Recorder implements IceControlListener {

    record Selection(ValidPair pair, String reason, long atNanos) {
    }

    record StateChange(String ufrag, AgentState state) {
    }

    final String name;
    final List<String> credentials = new CopyOnWriteArrayList<>();
    final List<IceCandidate> localCandidates = new CopyOnWriteArrayList<>();
    final List<String> gatheringDone = new CopyOnWriteArrayList<>();
    final List<StateChange> states = new CopyOnWriteArrayList<>();
    final List<ValidPair> validated = new CopyOnWriteArrayList<>();
    final List<Selection> selections = new CopyOnWriteArrayList<>();
    final List<ValidPair> consentLost = new CopyOnWriteArrayList<>();
    final List<ValidPair> consentRestored = new CopyOnWriteArrayList<>();
    final List<IceCandidate> late = new CopyOnWriteArrayList<>();
    final List<String> order = new CopyOnWriteArrayList<>();
    volatile boolean forward;

    private final List<Consumer<IceController>> backlog = new ArrayList<>();
    private IceController peer;

    Recorder(String name) {
        this.name = name;
    }

    /** Plays signalling towards {@code peer} from now on, after what was said before it existed. */
    synchronized void wireTo(IceController peer) {
        this.peer = peer;
        forward = true;
        backlog.forEach(action -> action.accept(peer));
        backlog.clear();
    }

    private synchronized void toPeer(Consumer<IceController> action) {
        if (peer == null) {
            backlog.add(action);
        } else if (forward) {
            action.accept(peer);
        }
    }

    Selection lastSelection() {
        return selections.isEmpty() ? null : selections.get(selections.size() - 1);
    }

    boolean reached(AgentState state) {
        return states.stream().anyMatch(s -> s.state() == state);
    }

    @Override
    public void localCredentials(String ufrag, String password) {
        credentials.add(ufrag);
        order.add("credentials " + ufrag);
        toPeer(p -> p.setRemoteDescription(ufrag, password, List.of()));
    }

    @Override
    public void localCandidate(IceCandidate candidate) {
        localCandidates.add(candidate);
        toPeer(p -> p.addRemoteCandidate(candidate));
    }

    @Override
    public void gatheringDone(String ufrag) {
        gatheringDone.add(ufrag);
        toPeer(p -> p.endOfRemoteCandidates(ufrag));
    }

    @Override
    public void stateChanged(String ufrag, AgentState state) {
        states.add(new StateChange(ufrag, state));
        order.add(state + " " + ufrag);
    }

    @Override
    public void pairValidated(ValidPair pair) {
        validated.add(pair);
    }

    @Override
    public void pairSelected(ValidPair pair, String reason) {
        selections.add(new Selection(pair, reason, System.nanoTime()));
        order.add("selected " + pair.ufrag() + (pair.direct() ? " direct" : " relayed"));
    }

    @Override
    public void consentLost(ValidPair pair) {
        consentLost.add(pair);
    }

    @Override
    public void consentRestored(ValidPair pair) {
        consentRestored.add(pair);
    }

    @Override
    public void lateRemoteCandidate(IceCandidate candidate) {
        late.add(candidate);
    }

    @Override
    public String toString() {
        return name + " " + order;
    }
}
