package dev.punchline.ice.net;

import java.net.InetSocketAddress;

/**
 * How a datagram reached us: straight to the local socket, or relayed by a TURN server (unwrapped from
 * ChannelData or a Data indication). The same peer can reach us both ways, so a Link or an ICE agent tells
 * its paths apart by this. One instance per socket and per TURN server, made once, compared by equals.
 *
 * @param local      the local socket the datagram arrived on
 * @param turnServer the TURN server that relayed it, or null when it came directly
 */
public record Via(InetSocketAddress local, InetSocketAddress turnServer) {

    public static Via direct(InetSocketAddress local) {
        return new Via(local, null);
    }

    public static Via relayed(InetSocketAddress local, InetSocketAddress turnServer) {
        return new Via(local, turnServer);
    }

    public boolean isRelayed() {
        return turnServer != null;
    }
}
