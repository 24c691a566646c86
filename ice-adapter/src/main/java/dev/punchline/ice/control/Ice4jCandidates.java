package dev.punchline.ice.control;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;

import java.net.InetSocketAddress;

/** Translation between ice4j's candidate classes and ours, so that nothing outside this package sees ice4j. */
final class Ice4jCandidates {

    private Ice4jCandidates() {
    }

    static CandidateKind kind(CandidateType type) {
        return switch (type) {
            case HOST_CANDIDATE -> CandidateKind.HOST;
            case SERVER_REFLEXIVE_CANDIDATE -> CandidateKind.SERVER_REFLEXIVE;
            case PEER_REFLEXIVE_CANDIDATE -> CandidateKind.PEER_REFLEXIVE;
            case RELAYED_CANDIDATE -> CandidateKind.RELAYED;
            default -> throw new IllegalArgumentException("no UDP ICE candidate type for ice4j's " + type);
        };
    }

    static CandidateType ice4jType(CandidateKind kind) {
        return switch (kind) {
            case HOST -> CandidateType.HOST_CANDIDATE;
            case SERVER_REFLEXIVE -> CandidateType.SERVER_REFLEXIVE_CANDIDATE;
            case PEER_REFLEXIVE -> CandidateType.PEER_REFLEXIVE_CANDIDATE;
            case RELAYED -> CandidateType.RELAYED_CANDIDATE;
        };
    }

    /** A plain copy: ice4j's TransportAddress is an InetSocketAddress subclass we do not hand out. */
    static InetSocketAddress plain(TransportAddress address) {
        return new InetSocketAddress(address.getAddress(), address.getPort());
    }

    static TransportAddress udp(InetSocketAddress address) {
        return new TransportAddress(address, Transport.UDP);
    }

    static IceCandidate describe(LocalCandidate candidate, String ufrag) {
        TransportAddress related = candidate.getRelatedAddress();
        return new IceCandidate(candidate.getFoundation(), candidate.getPriority(),
                plain(candidate.getTransportAddress()), kind(candidate.getType()),
                related == null ? null : plain(related), ufrag);
    }

    static RemoteCandidate remote(IceCandidate candidate, Component component, String ufrag) {
        return new RemoteCandidate(udp(candidate.address()), component, ice4jType(candidate.kind()),
                candidate.foundation(), candidate.priority(), null, ufrag);
    }
}
