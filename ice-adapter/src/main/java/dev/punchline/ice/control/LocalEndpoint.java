package dev.punchline.ice.control;

import dev.punchline.ice.net.DatagramSender;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One UDP socket of ours that ICE may use: where it is bound, and how to send from it. The address must be
 * concrete (ice4j keys candidates on it; a wildcard would make every check's local address wrong).
 */
public record LocalEndpoint(InetSocketAddress address, DatagramSender sender) {

    public LocalEndpoint {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(sender, "sender");
        if (address.isUnresolved() || address.getAddress().isAnyLocalAddress() || address.getPort() == 0) {
            throw new IllegalArgumentException("a local endpoint needs a concrete bound address and port: " + address);
        }
    }

    /** IPv6 link-local addresses are never offered as candidates (they need a scope the peer cannot know). */
    boolean isIpv6LinkLocal() {
        return address.getAddress() instanceof Inet6Address && address.getAddress().isLinkLocalAddress();
    }
}
