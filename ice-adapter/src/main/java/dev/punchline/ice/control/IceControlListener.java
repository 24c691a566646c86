package dev.punchline.ice.control;

/**
 * What an {@link IceController} reports. Every callback runs on the controller's own control thread, one at
 * a time and in order, never on an ice4j thread; none may block (hand long work to another thread).
 * Events carry the local ufrag of the Agent they come from: during an ICE restart two Agents run at once.
 */
public interface IceControlListener {

    /** New local credentials: the first Agent's, then each ICE restart's (a "local description changed"). */
    default void localCredentials(String ufrag, String password) {
    }

    /** A local candidate, to trickle (RFC 8838); the initial host and relayed ones are reported too. */
    default void localCandidate(IceCandidate candidate) {
    }

    /** Gathering for the Agent with {@code ufrag} is over (RFC 8838 end-of-candidates). */
    default void gatheringDone(String ufrag) {
    }

    /** An Agent changed state. */
    default void stateChanged(String ufrag, AgentState state) {
    }

    /** A check validated this pair; the Link may use it now, selected or not. */
    default void pairValidated(ValidPair pair) {
    }

    /**
     * The pair ICE selected (ice4j keeps it for the Agent's life). For a relayed pair {@code reason} says why
     * no direct pair was taken.
     */
    default void pairSelected(ValidPair pair, String reason) {
    }

    /** The selected pair stopped answering consent checks (RFC 7675), confirmed over a second. */
    default void consentLost(ValidPair pair) {
    }

    /** The selected pair answers consent checks again. */
    default void consentRestored(ValidPair pair) {
    }

    /** A remote candidate that arrived once its Agent had already completed: no check will use it. */
    default void lateRemoteCandidate(IceCandidate candidate) {
    }
}
