package dev.punchline.turn.client;

/** Why an allocation is gone, with a human-readable detail. */
public record AllocationLoss(Cause cause, String detail) {

    public enum Cause {
        /** The server no longer knows the allocation: a request got 437 Allocation Mismatch. */
        ALLOCATION_MISMATCH,
        /** A Refresh, a liveness check, or a check after an ICMP error got no answer in the whole retransmission schedule. */
        SERVER_UNREACHABLE,
        /**
         * The server answers from another mapping of ours than the allocation's (a NAT rebinding): it no longer
         * sees our packets on the allocation's 5-tuple, so the allocation is unusable from here.
         */
        MAPPING_CHANGED,
        /** Refreshes kept failing until the lifetime the server granted ran out. */
        EXPIRED,
        /** The transport closed under the client (TCP reset, socket closed by its owner). */
        TRANSPORT_CLOSED
    }

    @Override
    public String toString() {
        return cause + ": " + detail;
    }
}
