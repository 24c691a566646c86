package dev.punchline.ice;

/** Which local candidates a session offers (the WebRTC {@code iceTransportPolicy} knob). */
public enum IceTransportPolicy {
    /** Host, server-reflexive and relayed candidates: direct paths are tried. */
    ALL,
    /** The relayed candidate only: nothing of the local network is disclosed, the session stays relayed. */
    RELAY_ONLY
}
