package dev.punchline.ice.control;

import dev.punchline.ice.net.DatagramSender;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Our TURN allocation, offered to ICE as a relayed candidate. {@code sender} sends a datagram to a peer
 * through the allocation (ChannelData or a Send indication, the TURN client's business); the peer's answers,
 * unwrapped by the TURN client, come back through {@link IceController#receive} with {@code relayedAddress}
 * as the local address.
 *
 * @param relayedAddress the allocation's relayed transport address
 * @param sender         sends to a peer through the allocation
 * @param server         the TURN server's address (the candidate's "relay server", used in its foundation)
 * @param mapped         our address as the TURN server saw it when it allocated (the candidate's raddr/rport,
 *                       RFC 8839 §5.1), or null if it did not say
 */
public record RelayEndpoint(InetSocketAddress relayedAddress, DatagramSender sender, InetSocketAddress server,
                            InetSocketAddress mapped) {

    public RelayEndpoint {
        Objects.requireNonNull(relayedAddress, "relayedAddress");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(server, "server");
    }
}
