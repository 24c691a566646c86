package dev.punchline.ice.control;

/**
 * The state of one ICE Agent (one generation of credentials). The same steps as ice4j's, which this
 * mirrors so that callers need not import ice4j; {@link #CLOSED} is ours: the Agent was freed.
 */
public enum AgentState {
    /** Gathered, waiting for the remote description. */
    WAITING,
    /** Checks running. */
    RUNNING,
    /** A pair is selected. */
    COMPLETED,
    /** No pair could be selected; final for this Agent. */
    FAILED,
    /** ice4j stopped checking (3 s after COMPLETED); the selected pair still answers consent checks. */
    TERMINATED,
    /** Freed: superseded by a newer Agent, or the controller closed. */
    CLOSED
}
