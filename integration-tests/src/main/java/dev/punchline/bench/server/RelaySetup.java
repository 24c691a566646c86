package dev.punchline.bench.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The settings both relays get alike: where to listen, the relay port range, one static long-term user, room for
 * every allocation the benchmark makes, the same number of relaying threads, and a directory for logs and state.
 */
public record RelaySetup(InetSocketAddress listen, int minRelayPort, int maxRelayPort, String realm, String user,
                         String password, int allocationQuota, int relayThreads, Path workDirectory) {
}
