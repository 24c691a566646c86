package dev.punchline.turn.server.protocol;

import dev.punchline.turn.server.allocation.Allocation;
import dev.punchline.turn.server.metrics.TurnServerMetrics;
import dev.punchline.turn.server.policy.PeerVerdict;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** What CreatePermission and ChannelBind share: a peer must pass the gate and match the allocation's family. */
final class PeerChecks {

    private final PeerGate gate;
    private final TurnServerMetrics metrics;

    PeerChecks(PeerGate gate, TurnServerMetrics metrics) {
        this.gate = gate;
        this.metrics = metrics;
    }

    /**
     * @param withPort whether the port matters (a channel) or not (a permission)
     * @return 0 when the peer may be used, else the error code to answer: 403 or 443
     */
    int refusal(Allocation allocation, InetSocketAddress canonicalPeer, boolean withPort) {
        PeerVerdict verdict = withPort ? gate.check(canonicalPeer) : gate.check(canonicalPeer.getAddress());
        if (!verdict.allowed()) {
            metrics.peerRefusal();
            return 403;
        }
        boolean ipv6 = canonicalPeer.getAddress() instanceof Inet6Address;
        return ipv6 == allocation.isIpv6() ? 0 : 443;
    }
}
