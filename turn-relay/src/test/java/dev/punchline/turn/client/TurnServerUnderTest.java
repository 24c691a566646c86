package dev.punchline.turn.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * A TURN server the client scenarios run against (ours, or coturn's turnserver), started on loopback
 * with the settings the scenarios rely on: loopback peers allowed but {@link #refusedPeer()} refused, short
 * lifetimes (allocation {@link #allocationLifetime()}, permission, channel and nonce a few seconds), a
 * static user and a TURN REST secret.
 */
public interface TurnServerUnderTest extends AutoCloseable {

    /** Where the server listens on {@code protocol}, if it was started with it. */
    Optional<InetSocketAddress> address(TransportProtocol protocol);

    String user();

    String password();

    String restSecret();

    /** Whether it relays from ::1 to IPv6 loopback peers when asked for an IPv6 relayed address. */
    boolean relaysIpv6();

    /** A loopback-reachable address this server refuses to relay to. */
    InetAddress refusedPeer();

    /** The longest lifetime the server grants: the scenarios' allocations live this long unless refreshed. */
    Duration allocationLifetime();

    /**
     * The client settings that match this server (credentials, lifetimes, TLS trust) for reaching it at
     * {@code address}: its own, or a proxy's in front of it.
     */
    TurnClientConfig.Builder clientConfig(InetSocketAddress address, TransportProtocol protocol);

    default TurnClientConfig.Builder clientConfig(TransportProtocol protocol) {
        return clientConfig(address(protocol).orElseThrow(), protocol);
    }

    /** Stops the server abruptly: its sockets close, it answers nothing any more. */
    void kill() throws Exception;
}
