package dev.punchline.ice.control;

import java.net.InetSocketAddress;

/**
 * A candidate pair that a connectivity check validated. Application data for this path leaves from
 * {@code localBase} (one of our sockets, or our relayed address, meaning "through our TURN allocation")
 * towards {@code remoteAddress}.
 *
 * @param ufrag         the local ufrag of the Agent that validated it
 * @param localAddress  the local candidate (a peer-reflexive one is our address as the peer saw it)
 * @param localBase     where we send from: a local endpoint's bound address, or the relayed address
 * @param localKind     the local candidate's type
 * @param remoteAddress the peer's address on this path
 * @param remoteKind    the remote candidate's type
 * @param direct        true when neither end is a relayed candidate: no TURN server on the path
 */
public record ValidPair(String ufrag, InetSocketAddress localAddress, InetSocketAddress localBase,
                        CandidateKind localKind, InetSocketAddress remoteAddress, CandidateKind remoteKind,
                        boolean direct) {
}
