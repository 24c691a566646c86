package dev.punchline.ice.net;

/**
 * An ICE agent's place in a {@link Demultiplexer}: STUN requests and indications whose USERNAME starts with
 * its local ufrag reach its handler. Responses carry no USERNAME: they go to the STUN fallback, whose owner
 * (a session's ICE controller) routes them to its Agents by transaction id.
 */
public final class AgentRoute implements Registration {
    private final Demultiplexer demux;
    private final String localUfrag;
    private final DatagramHandler handler;

    AgentRoute(Demultiplexer demux, String localUfrag, DatagramHandler handler) {
        this.demux = demux;
        this.localUfrag = localUfrag;
        this.handler = handler;
    }

    public String localUfrag() {
        return localUfrag;
    }

    @Override
    public void close() {
        demux.remove(this);
    }

    DatagramHandler handler() {
        return handler;
    }

    @Override
    public String toString() {
        return "AgentRoute[" + localUfrag + "]";
    }
}
