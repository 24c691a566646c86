package dev.punchline.ice.link;

/** What a path goes through; the Link prefers a trusted direct path over the relay. */
public enum PathKind {
    /** Through a TURN relay: works through any NAT, costs the detour and the relay's bandwidth. */
    RELAY,
    /** Straight UDP between the peers (host, server-reflexive or peer-reflexive candidates). */
    DIRECT
}
