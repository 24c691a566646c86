package dev.punchline.ice.control;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One UDP ICE candidate of component 1, local or remote: what an {@code a=candidate} line carries, plus the
 * ufrag of the credentials it belongs to (RFC 8838 §8: a trickled candidate is only meaningful with them).
 *
 * @param foundation     RFC 8445 §5.1.1.3
 * @param priority       RFC 8445 §5.1.2, 1..2^31-1
 * @param address        the candidate's transport address
 * @param kind           its type
 * @param relatedAddress raddr/rport, or null (host candidates have none)
 * @param ufrag          the ufrag of the ICE generation it belongs to; null on a remote candidate means
 *                       "the current remote credentials"
 */
public record IceCandidate(String foundation, long priority, InetSocketAddress address, CandidateKind kind,
                           InetSocketAddress relatedAddress, String ufrag) {

    public IceCandidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(kind, "kind");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("candidate address must be resolved: " + address);
        }
        if (priority < 1 || priority > 0x7FFF_FFFFL) {
            throw new IllegalArgumentException("candidate priority out of 1..2^31-1: " + priority);
        }
    }

    /** The same candidate, said to belong to the credentials with {@code ufrag}. */
    public IceCandidate withUfrag(String ufrag) {
        return new IceCandidate(foundation, priority, address, kind, relatedAddress, ufrag);
    }
}
