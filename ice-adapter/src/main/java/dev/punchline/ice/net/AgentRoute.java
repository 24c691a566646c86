package dev.punchline.ice.net;

import dev.punchline.turn.wire.StunMessage;

/**
 * An ICE agent's place in a {@link Demultiplexer}: STUN requests and indications whose USERNAME starts with
 * its local ufrag, and responses to the requests it sent through {@link #tracking}, reach its handler.
 */
public final class AgentRoute implements Registration {
    private final Demultiplexer demux;
    private final String localUfrag;
    private final DatagramHandler handler;
    private volatile boolean closed;

    AgentRoute(Demultiplexer demux, String localUfrag, DatagramHandler handler) {
        this.demux = demux;
        this.localUfrag = localUfrag;
        this.handler = handler;
    }

    public String localUfrag() {
        return localUfrag;
    }

    /**
     * A sender that remembers the transaction of every STUN request passing through it before handing the
     * request on to {@code out}, direct or relayed. A STUN response carries no USERNAME: its transaction id
     * is the only way back to the agent that asked, and all of the agent's sends must pass through here.
     */
    public DatagramSender tracking(DatagramSender out) {
        return (datagram, to) -> {
            if (!closed && StunMessage.looksLikeStun(datagram) && StunTransactions.isRequest(datagram)) {
                demux.transactionStarted(datagram, this);
            }
            out.send(datagram, to);
        };
    }

    @Override
    public void close() {
        closed = true;
        demux.remove(this);
    }

    boolean isClosed() {
        return closed;
    }

    DatagramHandler handler() {
        return handler;
    }

    @Override
    public String toString() {
        return "AgentRoute[" + localUfrag + (closed ? ", closed]" : "]");
    }
}
