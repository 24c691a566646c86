package dev.punchline.turn.server;

/** How clients reach a listener. TCP and TLS carry STUN and ChannelData with RFC 8656 stream framing. */
public enum Transport {
    UDP, TCP, TLS
}
