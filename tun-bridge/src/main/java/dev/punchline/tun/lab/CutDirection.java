package dev.punchline.tun.lab;

/** Which way a {@link PathCut} drops packets between two hosts. */
public enum CutDirection {
    /** Neither host's packets reach the other. */
    BOTH_WAYS,
    /** The first host's packets no longer reach the second; the second's still reach the first. */
    ONE_WAY
}
