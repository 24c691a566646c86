package dev.punchline.ice.net;

import dev.punchline.turn.client.TurnDataListener;
import dev.punchline.turn.client.TurnInbound;
import java.net.InetSocketAddress;

/**
 * A TURN server we use, in a {@link Demultiplexer}: STUN and ChannelData from its address go to its client
 * first; what the client does not take (a Binding response to an ICE agent's server-reflexive query, say)
 * is routed like any other datagram. The payloads the client unwraps come back through
 * {@link #dataListener()} and are routed again, marked as relayed by this server.
 */
public final class TurnRoute implements Registration {
    private final Demultiplexer demux;
    private final InetSocketAddress server;
    private final TurnInbound client;
    private final Via via;

    TurnRoute(Demultiplexer demux, InetSocketAddress server, TurnInbound client, Via via) {
        this.demux = demux;
        this.server = server;
        this.client = client;
        this.via = via;
    }

    public InetSocketAddress server() {
        return server;
    }

    /** How datagrams relayed by this server are marked. */
    public Via via() {
        return via;
    }

    /** Give this to {@code TurnAllocation.onData}: relayed payloads are then classified and routed again. */
    public TurnDataListener dataListener() {
        return (peer, payload) -> demux.unwrapped(payload, peer, via);
    }

    @Override
    public void close() {
        demux.remove(this);
    }

    TurnInbound client() {
        return client;
    }

    @Override
    public String toString() {
        return "TurnRoute[" + server + "]";
    }
}
