package dev.punchline.ice;

import dev.punchline.ice.control.CandidateKind;
import dev.punchline.ice.control.IceCandidate;
import dev.punchline.ice.sdp.Candidate;
import dev.punchline.ice.sdp.CandidateTransport;
import dev.punchline.ice.sdp.CandidateType;

import java.net.InetSocketAddress;
import java.util.Optional;

/** Between the SDP codec's candidates and the controller's (UDP, component 1 only: all ICE here is that). */
final class Candidates {

    /** RFC 8445 §5.1.2.2's recommended type preference for relayed candidates. */
    private static final int RELAY_TYPE_PREFERENCE = 0;
    private static final int LOCAL_PREFERENCE = 65535;

    private Candidates() {
    }

    static Candidate toSdp(IceCandidate c) {
        Candidate candidate = Candidate.udp(c.foundation(), 1, c.priority(), c.address(), toSdp(c.kind()));
        return c.relatedAddress() == null ? candidate : candidate.withRelated(c.relatedAddress());
    }

    /** A candidate the controller can use, or empty for one it cannot (TCP, another component, an mDNS name). */
    static Optional<IceCandidate> fromSdp(Candidate c, String ufrag) {
        if (c.transport() != CandidateTransport.UDP || c.component() != 1 || c.priority() < 1
                || c.priority() > 0x7FFF_FFFFL) {
            return Optional.empty();
        }
        Optional<InetSocketAddress> address = c.socketAddress();
        if (address.isEmpty() || address.get().isUnresolved()) {
            return Optional.empty();
        }
        InetSocketAddress related = c.relatedSocketAddress().orElse(null);
        return Optional.of(new IceCandidate(c.foundation(), c.priority(), address.get(), fromSdp(c.type()), related,
                ufrag));
    }

    /** Our relayed candidate when the controller does not know it (a re-allocation after a loss). */
    static Candidate relayed(InetSocketAddress relayed, InetSocketAddress mapped) {
        long priority = Candidate.priority(RELAY_TYPE_PREFERENCE, LOCAL_PREFERENCE, 1);
        String foundation = "r" + Integer.toUnsignedString(relayed.getAddress().hashCode() & 0x7FFFFFFF, 36);
        Candidate candidate = Candidate.udp(foundation, 1, priority, relayed, CandidateType.RELAYED);
        return mapped == null ? candidate : candidate.withRelated(mapped);
    }

    /** The two enums name the same four RFC 8445 types alike. */
    private static CandidateType toSdp(CandidateKind kind) {
        return CandidateType.valueOf(kind.name());
    }

    private static CandidateKind fromSdp(CandidateType type) {
        return CandidateKind.valueOf(type.name());
    }
}
