package dev.punchline.turn.client;

/** How the client reaches its TURN server. */
public enum TransportProtocol {
    UDP,
    /** RFC 8656 over TCP, for networks that block UDP. */
    TCP,
    /** RFC 8656 over TLS, for networks that let only TLS out (typically to port 443). */
    TLS
}
