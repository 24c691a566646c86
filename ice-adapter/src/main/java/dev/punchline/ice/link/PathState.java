package dev.punchline.ice.link;

/**
 * Where a path stands in the Link's eyes. Between Punchline peers the Link moves paths between these states
 * from its own probes and the echoes in the peer's frames (see {@link Link}); towards a standard peer the
 * session reports them ({@link PathHandle#reportState}).
 */
public enum PathState {
    /** Known but not yet confirmed: being probed fast; carries a copy of the data once it has answered once. */
    PROBING,
    /** Answered recently in both directions: may carry the data alone. */
    TRUSTED,
    /** Was trusted, but has gone quiet in one direction: still gets every packet, with a copy on another path. */
    SUSPECT,
    /** Several probes in a row went unanswered: carries no data, probed slowly until it answers again. */
    DEAD
}
