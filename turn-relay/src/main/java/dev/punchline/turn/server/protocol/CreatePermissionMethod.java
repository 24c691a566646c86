package dev.punchline.turn.server.protocol;

import dev.punchline.turn.server.allocation.Allocation;
import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.XorAddress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * CreatePermission (RFC 8656 §9.2): all the XOR-PEER-ADDRESSes are installed, or none; 508 when they would take the
 * allocation past its cap of permissions.
 */
final class CreatePermissionMethod {

    private final PeerChecks checks;

    CreatePermissionMethod(PeerChecks checks) {
        this.checks = checks;
    }

    void handle(Request request) {
        Allocation allocation = request.requireAllocation();
        if (allocation == null) {
            return;
        }
        List<XorAddress> peers = request.message().xorAddresses(AttributeType.XOR_PEER_ADDRESS);
        if (peers.isEmpty()) {
            request.fail(400);
            return;
        }
        List<InetSocketAddress> accepted = new ArrayList<>(peers.size());
        for (XorAddress peer : peers) {
            InetSocketAddress canonical = PeerGate.canonical(peer.address());
            int refusal = checks.refusal(allocation, canonical, false);
            if (refusal != 0) {
                request.fail(refusal);
                return;
            }
            accepted.add(canonical);
        }
        List<InetAddress> addresses = accepted.stream().map(InetSocketAddress::getAddress).toList();
        if (!allocation.hasRoomFor(addresses)) {
            request.fail(508);
            return;
        }
        addresses.forEach(allocation::permit);
        request.succeed();
    }
}
