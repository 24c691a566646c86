package dev.punchline.ice.control;

/** The ICE role (RFC 8445 §6.1.1): the controlling agent nominates, the controlled one follows. */
public enum IceRole {
    CONTROLLING,
    CONTROLLED
}
