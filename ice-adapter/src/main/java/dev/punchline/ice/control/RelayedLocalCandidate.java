package dev.punchline.ice.control;

import org.ice4j.TransportAddress;
import org.ice4j.ice.CandidateExtendedType;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.socket.IceSocketWrapper;

/**
 * Our TURN allocation as ice4j sees it: a relayed local candidate that is its own base, whose socket is a
 * bridge sending through our TURN client. Unlike ice4j's RelayedCandidate it has no TURN harvest behind it,
 * so freeing it only closes the bridge: ice4j never refreshes, deletes or waits on our allocation (the
 * allocation's life is our TURN client's business, and ice4j's free() cannot hang on it).
 */
final class RelayedLocalCandidate extends LocalCandidate {

    private final IceSocketWrapper socket;
    private final TransportAddress mapped;

    /** {@code mapped}: our address as the TURN server saw it, the candidate's related address; null if unknown. */
    RelayedLocalCandidate(TransportAddress relayedAddress, TransportAddress turnServer, TransportAddress mapped,
                          Component component, IceSocketWrapper socket) {
        super(relayedAddress, component, CandidateType.RELAYED_CANDIDATE,
                CandidateExtendedType.TURN_RELAYED_CANDIDATE, null);
        this.socket = socket;
        this.mapped = mapped;
        setBase(this);
        setRelayServerAddress(turnServer);
    }

    /** RFC 8839 §5.1: a relayed candidate's raddr/rport is the mapped address the TURN server reported. */
    @Override
    public TransportAddress getRelatedAddress() {
        return mapped;
    }

    @Override
    protected IceSocketWrapper getCandidateIceSocketWrapper() {
        return socket;
    }
}
