package dev.punchline.turn.server.protocol;

import dev.punchline.turn.server.allocation.Allocation;
import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.ChannelData;
import dev.punchline.turn.wire.ChannelNumber;
import dev.punchline.turn.wire.XorAddress;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** ChannelBind (RFC 8656 §11.2): binds or refreshes a channel and the permission of its peer. */
final class ChannelBindMethod {

    private final PeerChecks checks;

    ChannelBindMethod(PeerChecks checks) {
        this.checks = checks;
    }

    void handle(Request request) {
        Allocation allocation = request.requireAllocation();
        if (allocation == null) {
            return;
        }
        Optional<ChannelNumber> number = request.message().attribute(ChannelNumber.class);
        Optional<XorAddress> peer = request.message().xorAddress(AttributeType.XOR_PEER_ADDRESS);
        if (number.isEmpty() || peer.isEmpty()) {
            request.fail(400);
            return;
        }
        int channel = number.get().channel();
        // RFC 5766's range, not only RFC 8656's: coturn's clients bind up to 0x7FFF (ChannelData.MAX_ACCEPTED_CHANNEL).
        if (!ChannelData.isAcceptedChannel(channel)) {
            request.fail(400);
            return;
        }
        InetSocketAddress canonical = PeerGate.canonical(peer.get().address());
        int refusal = checks.refusal(allocation, canonical, true);
        if (refusal != 0) {
            request.fail(refusal);
            return;
        }
        if (!allocation.canBind(channel, canonical)) {
            request.fail(400);
            return;
        }
        if (!allocation.hasRoomFor(List.of(canonical.getAddress()))) {
            request.fail(508);
            return;
        }
        allocation.bind(channel, canonical);
        request.succeed();
    }
}
