package dev.punchline.bench.load;

import java.net.InetSocketAddress;

/** A TURN server to load and the long-term credentials to allocate with. */
public record TurnEndpoint(InetSocketAddress address, String user, String password) {
}
