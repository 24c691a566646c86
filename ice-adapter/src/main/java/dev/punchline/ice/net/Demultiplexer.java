package dev.punchline.ice.net;

import dev.punchline.turn.client.TurnInbound;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunParseException;
import dev.punchline.turn.wire.Username;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every datagram of one local socket (DESIGN.md decision 4), whoever shares the socket:
 * <ol>
 *   <li>STUN and ChannelData from a TURN server we use go to that server's client ({@link #addTurnServer});
 *       the payloads it unwraps are routed again through these same rules, marked {@link Via#isRelayed()}.
 *   <li>Other STUN: a request or indication to the agent whose local ufrag opens its USERNAME
 *       ({@code localUfrag:remoteUfrag}, {@link #addAgent}); everything else — responses, which carry no
 *       USERNAME, included — to the STUN fallback ({@link #setFallback}), where a session's ICE controller routes
 *       it among its Agents (by ufrag, or by the transaction id it remembers for each request it sent).
 *   <li>Link frames, RTP/RTCP and DTLS go to the handler registered for their source address and class
 *       ({@link #addPeer}), else to that class's fallback ({@link #setFallback}), which lets a session learn a
 *       peer's new address (NAT rebinding).
 * </ol>
 * Everything else is dropped and counted by reason ({@link #counters()}); nothing thrown by a handler leaves
 * {@link #receive}. Datagrams are lent to handlers, never released here: the caller of {@link #receive}
 * keeps its reference.
 *
 * <p>Why responses are not routed by transaction id here: the ICE controller already remembers the
 * transactions its Agents and its server-reflexive probes start (it must, to pick among the Agents of an ICE
 * restart), and one memory of them is enough.
 */
public final class Demultiplexer {
    private static final Logger LOG = LoggerFactory.getLogger(Demultiplexer.class);

    private final Via direct;
    private final DemuxCounters counters = new DemuxCounters();
    private final Map<InetSocketAddress, TurnRoute> turnServers = new ConcurrentHashMap<>();
    private final Map<String, AgentRoute> agents = new ConcurrentHashMap<>();
    private final Map<PacketClass, Map<InetSocketAddress, DatagramHandler>> peers = new EnumMap<>(PacketClass.class);
    private final Map<PacketClass, AtomicReference<DatagramHandler>> fallbacks = new EnumMap<>(PacketClass.class);
    private final AtomicReference<DatagramHandler> stunFallback = new AtomicReference<>();

    /** @param local the concrete address of the socket this demultiplexer serves */
    public Demultiplexer(InetSocketAddress local) {
        this.direct = Via.direct(local);
        for (PacketClass c : new PacketClass[] {PacketClass.LINK_FRAME, PacketClass.RTP_RTCP, PacketClass.DTLS}) {
            peers.put(c, new ConcurrentHashMap<>());
            fallbacks.put(c, new AtomicReference<>());
        }
    }

    /** How datagrams arriving straight on this socket are marked. */
    public Via direct() {
        return direct;
    }

    public DemuxCounters counters() {
        return counters;
    }

    /**
     * Routes a datagram the socket received. {@code datagram} is lent: the caller releases it afterwards.
     * Never throws.
     */
    public void receive(ByteBuf datagram, InetSocketAddress from) {
        counters.countReceived();
        route(datagram, from, direct);
    }

    /** Routes frames from {@code server} to {@code client} first; see {@link TurnRoute}. One per server. */
    public TurnRoute addTurnServer(InetSocketAddress server, TurnInbound client) {
        TurnRoute route = new TurnRoute(this, server, client, Via.relayed(direct.local(), server));
        if (turnServers.putIfAbsent(server, route) != null) {
            throw new IllegalStateException("a TURN client for " + server + " is already registered on "
                    + direct.local());
        }
        return route;
    }

    /** Routes STUN for the agent whose local ufrag is {@code localUfrag}; see {@link AgentRoute}. */
    public AgentRoute addAgent(String localUfrag, DatagramHandler handler) {
        AgentRoute route = new AgentRoute(this, localUfrag, handler);
        if (agents.putIfAbsent(localUfrag, route) != null) {
            throw new IllegalStateException("an ICE agent with ufrag " + localUfrag + " is already registered on "
                    + direct.local());
        }
        return route;
    }

    /**
     * Routes datagrams of {@code packetClass} (LINK_FRAME, RTP_RTCP or DTLS) from {@code peer}, directly or
     * relayed, to {@code handler}. One handler per class and address.
     */
    public Registration addPeer(PacketClass packetClass, InetSocketAddress peer, DatagramHandler handler) {
        Map<InetSocketAddress, DatagramHandler> routes = peerRoutes(packetClass);
        if (routes.putIfAbsent(peer, handler) != null) {
            throw new IllegalStateException(packetClass + " from " + peer + " already has a handler on "
                    + direct.local());
        }
        return () -> routes.remove(peer, handler);
    }

    /**
     * Takes the datagrams of {@code packetClass} whose source has no route of its own. One per class. For
     * {@link PacketClass#STUN}: the STUN no TURN client took and no agent route claims (a request whose ufrag
     * has no route, a response to a transaction no route sent) — a session whose ICE controller routes STUN
     * among its own Agents itself takes it all here.
     */
    public Registration setFallback(PacketClass packetClass, DatagramHandler handler) {
        AtomicReference<DatagramHandler> slot;
        if (packetClass == PacketClass.STUN) {
            slot = stunFallback;
        } else {
            peerRoutes(packetClass);
            slot = fallbacks.get(packetClass);
        }
        if (!slot.compareAndSet(null, handler)) {
            throw new IllegalStateException(packetClass + " already has a fallback on " + direct.local());
        }
        return () -> slot.compareAndSet(handler, null);
    }

    /** The socket is gone: every TURN client learns that its transport closed. */
    void socketClosed(String reason) {
        for (TurnRoute route : turnServers.values()) {
            try {
                route.client().transportClosed(reason);
            } catch (RuntimeException e) {
                LOG.warn("TURN client for {} failed on transport closure", route.server(), e);
            }
        }
    }

    void unwrapped(ByteBuf payload, InetSocketAddress peer, Via via) {
        counters.countUnwrapped();
        route(payload, peer, via);
    }

    void remove(AgentRoute route) {
        agents.remove(route.localUfrag(), route);
    }

    void remove(TurnRoute route) {
        turnServers.remove(route.server(), route);
    }

    // ---- routing ------------------------------------------------------------------------------------------

    private void route(ByteBuf datagram, InetSocketAddress from, Via via) {
        PacketClass packetClass = PacketClass.of(datagram);
        if (!via.isRelayed() && (packetClass == PacketClass.STUN || packetClass == PacketClass.CHANNEL_DATA)) {
            TurnRoute turn = turnServers.get(from);
            if (turn != null && offerToTurnClient(turn, datagram, packetClass)) {
                return;
            }
        }
        switch (packetClass) {
            case STUN -> routeStun(datagram, from, via);
            case CHANNEL_DATA -> drop(DropReason.CHANNEL_DATA_UNEXPECTED, from);
            case LINK_FRAME, RTP_RTCP, DTLS -> routeToPeer(packetClass, datagram, from, via);
            default -> drop(DropReason.UNCLASSIFIED, from);
        }
    }

    /** True when the datagram's fate is settled (taken, or dropped): false lets STUN go on to the agents. */
    private boolean offerToTurnClient(TurnRoute turn, ByteBuf datagram, PacketClass packetClass) {
        int readerIndex = datagram.readerIndex();
        try {
            if (turn.client().receive(datagram)) {
                counters.countToTurnClient();
                return true;
            }
        } catch (Throwable t) {
            handlerFailed(t, turn);
            return true;
        }
        // Not the client's: whoever gets it next must see it whole.
        datagram.readerIndex(readerIndex);
        if (packetClass == PacketClass.CHANNEL_DATA) {
            drop(DropReason.TURN_CLIENT_REFUSED, turn.server());
            return true;
        }
        return false;
    }

    private void routeStun(ByteBuf datagram, InetSocketAddress from, Via via) {
        if (StunKinds.isResponse(datagram)) {
            toStunFallback(DropReason.STUN_RESPONSE_UNCLAIMED, datagram, from, via);
            return;
        }
        Optional<String> username;
        try {
            username = username(datagram);
        } catch (StunParseException e) {
            drop(DropReason.STUN_MALFORMED, from);
            return;
        }
        if (username.isEmpty()) {
            if (StunKinds.isBindingIndication(datagram)) {
                drop(DropReason.STUN_KEEPALIVE, from);
            } else {
                toStunFallback(DropReason.STUN_NO_USERNAME, datagram, from, via);
            }
            return;
        }
        AgentRoute agent = agents.get(localUfrag(username.get()));
        if (agent == null) {
            toStunFallback(DropReason.STUN_UNKNOWN_UFRAG, datagram, from, via);
            return;
        }
        deliver(agent.handler(), PacketClass.STUN, datagram, from, via);
    }

    private void toStunFallback(DropReason otherwise, ByteBuf datagram, InetSocketAddress from, Via via) {
        DatagramHandler fallback = stunFallback.get();
        if (fallback == null) {
            drop(otherwise, from);
        } else {
            deliver(fallback, PacketClass.STUN, datagram, from, via);
        }
    }

    private static Optional<String> username(ByteBuf datagram) throws StunParseException {
        StunMessage message = StunMessage.decode(datagram);
        try {
            return message.attribute(Username.class).map(Username::name);
        } finally {
            message.release();
        }
    }

    /** ICE's USERNAME is {@code receiverUfrag:senderUfrag} (RFC 8445 §7.2.2): we are the receiver. */
    private static String localUfrag(String username) {
        int colon = username.indexOf(':');
        return colon < 0 ? username : username.substring(0, colon);
    }

    private void routeToPeer(PacketClass packetClass, ByteBuf datagram, InetSocketAddress from, Via via) {
        DatagramHandler handler = peers.get(packetClass).get(from);
        if (handler == null) {
            handler = fallbacks.get(packetClass).get();
        }
        if (handler == null) {
            drop(DropReason.NO_ROUTE, from);
            return;
        }
        deliver(handler, packetClass, datagram, from, via);
    }

    private void deliver(DatagramHandler handler, PacketClass packetClass, ByteBuf datagram, InetSocketAddress from,
                         Via via) {
        try {
            handler.receive(datagram, from, via);
            counters.countDelivered(packetClass);
        } catch (Throwable t) {
            handlerFailed(t, handler);
        }
    }

    private void handlerFailed(Throwable t, Object handler) {
        if (t instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        counters.countDropped(DropReason.HANDLER_FAILED);
        long failures = counters.dropped(DropReason.HANDLER_FAILED);
        // Every failure would flood the log at packet rates: the 1st, 2nd, 4th, 8th... are logged.
        if (Long.bitCount(failures) == 1) {
            LOG.warn("{} failed on a datagram ({} failures so far)", handler, failures, t);
        }
    }

    private void drop(DropReason reason, InetSocketAddress from) {
        counters.countDropped(reason);
        if (LOG.isTraceEnabled()) {
            LOG.trace("dropped a datagram from {} on {}: {}", from, direct.local(), reason);
        }
    }

    private Map<InetSocketAddress, DatagramHandler> peerRoutes(PacketClass packetClass) {
        Map<InetSocketAddress, DatagramHandler> routes = peers.get(packetClass);
        if (routes == null) {
            throw new IllegalArgumentException(packetClass + " has no peer routes: only LINK_FRAME, RTP_RTCP and DTLS"
                    + " do (STUN goes to agents and TURN clients by addAgent and addTurnServer)");
        }
        return routes;
    }
}
