package dev.punchline.turn.server.protocol;

import dev.punchline.turn.server.allocation.AllocationRegistry;
import dev.punchline.turn.server.policy.PeerAddressPolicy;
import dev.punchline.turn.server.policy.PeerVerdict;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The one peer-address check in front of CreatePermission, ChannelBind and Send. Inbound data and ChannelData need no
 * second look: they pass only through a permission, and a permission exists only for an address that passed here.
 * This server's own relay addresses pass where an allocation lives (the policy would refuse them as server addresses):
 * data to them goes from allocation to allocation inside the server, the only path between two clients behind
 * symmetric NATs.
 */
final class PeerGate {

    private final AllocationRegistry registry;

    PeerGate(AllocationRegistry registry) {
        this.registry = registry;
    }

    /** The form permissions and channels are keyed by: IPv4-mapped and -compatible IPv6 become IPv4. */
    static InetSocketAddress canonical(InetSocketAddress peer) {
        InetAddress address = peer.getAddress();
        InetAddress canonical = PeerAddressPolicy.canonicalize(address);
        return canonical == address ? peer : new InetSocketAddress(canonical, peer.getPort());
    }

    /** For a permission, where any port of the peer may follow. */
    PeerVerdict check(InetAddress canonicalPeer) {
        if (registry.isOwnRelayAddress(canonicalPeer)) {
            return PeerVerdict.ALLOWED;
        }
        return registry.peerPolicy().check(canonicalPeer);
    }

    /**
     * For a channel or a Send, where the port is known: one of this server's relayed addresses passes only if an
     * allocation lives there; anything else, the policy decides (which also refuses the ports this server listens on).
     */
    PeerVerdict check(InetSocketAddress canonicalPeer) {
        if (registry.byRelayedAddress(canonicalPeer) != null) {
            return PeerVerdict.ALLOWED;
        }
        return registry.peerPolicy().check(canonicalPeer);
    }
}
