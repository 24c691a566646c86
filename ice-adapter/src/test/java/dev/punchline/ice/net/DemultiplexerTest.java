package dev.punchline.ice.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.turn.client.TurnDataListener;
import dev.punchline.turn.client.TurnInbound;
import dev.punchline.turn.wire.ChannelData;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.TransactionId;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The routing rules, one by one, with codec-built datagrams (the socket tests run them over UDP). */
@ExtendWith(NoLeaks.class)
class DemultiplexerTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.7", 5000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("192.0.2.99", 6000);
    private static final InetSocketAddress TURN = new InetSocketAddress("198.51.100.1", 3478);

    private final Demultiplexer demux = new Demultiplexer(LOCAL);
    private final Received agentA = new Received("agent A");
    private final Received agentB = new Received("agent B");
    private final Received link = new Received("link");

    @AfterEach
    void countersAddUp() {
        DemuxCounters c = demux.counters();
        assertEquals(c.received() + c.unwrapped(), c.toTurnClients() + c.deliveredTotal() + c.droppedTotal(), c.toString());
    }

    @Test
    void checksGoToTheAgentTheirUsernameNames() throws Exception {
        demux.addAgent("aaaa", agentA);
        demux.addAgent("bbbb", agentB);

        receive(Datagrams.check("aaaa:remote1"), PEER);
        receive(Datagrams.check("bbbb:remote2"), PEER);
        receive(Datagrams.check("cccc:remote3"), PEER);
        receive(Datagrams.bindingRequest(TransactionId.random()), PEER);
        receive(Datagrams.bindingIndication(), PEER);

        Received.Delivery toA = agentA.next();
        assertEquals("aaaa:remote1", username(toA.bytes()));
        assertEquals(PEER, toA.from());
        assertEquals(demux.direct(), toA.via());
        assertEquals("bbbb:remote2", username(agentB.next().bytes()));
        assertNull(agentA.poll());
        assertEquals(1, demux.counters().dropped(DropReason.STUN_UNKNOWN_UFRAG));
        assertEquals(1, demux.counters().dropped(DropReason.STUN_NO_USERNAME));
        assertEquals(1, demux.counters().dropped(DropReason.STUN_KEEPALIVE));
        assertThrows(IllegalStateException.class, () -> demux.addAgent("aaaa", agentB));
    }

    @Test
    void responsesAndStunNoAgentRouteClaimsGoToTheStunFallback() throws Exception {
        Received controller = new Received("controller");
        demux.addAgent("aaaa", agentA);
        Registration fallback = demux.setFallback(PacketClass.STUN, controller);
        assertThrows(IllegalStateException.class, () -> demux.setFallback(PacketClass.STUN, agentB));
        TransactionId unknown = TransactionId.random();

        receive(Datagrams.check("aaaa:remote"), PEER);
        receive(Datagrams.check("cccc:remote"), PEER);
        receive(Datagrams.bindingResponse(unknown, LOCAL), PEER);
        receive(Datagrams.bindingIndication(), PEER);

        assertEquals("aaaa:remote", username(agentA.next().bytes()), "a route's own STUN stays its own");
        assertEquals("cccc:remote", username(controller.next().bytes()));
        assertEquals(unknown, transactionId(controller.next().bytes()));
        assertEquals(1, demux.counters().dropped(DropReason.STUN_KEEPALIVE), "keepalives are nobody's");
        fallback.close();
        receive(Datagrams.check("cccc:remote"), PEER);
        receive(Datagrams.bindingResponse(unknown, LOCAL), PEER);
        assertEquals(1, demux.counters().dropped(DropReason.STUN_UNKNOWN_UFRAG));
        assertEquals(1, demux.counters().dropped(DropReason.STUN_RESPONSE_UNCLAIMED), "responses are never an agent route's");
    }

    @Test
    void aClosedAgentGetsNothingMore() {
        AgentRoute a = demux.addAgent("aaaa", agentA);
        a.close();

        receive(Datagrams.check("aaaa:remote"), PEER);

        assertTrue(agentA.isEmpty());
        assertEquals(1, demux.counters().dropped(DropReason.STUN_UNKNOWN_UFRAG));
        demux.addAgent("aaaa", agentB).close();
    }

    @Test
    void aTurnServersFramesGoToItsClientAndWhatItUnwrapsIsRoutedAgain() throws Exception {
        TransactionId clients = TransactionId.random();
        FakeTurnClient client = new FakeTurnClient(clients, ChannelData.MIN_CHANNEL);
        TurnRoute route = demux.addTurnServer(TURN, client);
        client.listener = route.dataListener();
        demux.addPeer(PacketClass.LINK_FRAME, PEER, link);
        demux.setFallback(PacketClass.STUN, agentA);
        TransactionId agents = TransactionId.random();

        receive(Datagrams.bindingResponse(clients, LOCAL), TURN);
        receive(Datagrams.bindingResponse(agents, LOCAL), TURN);
        receive(Datagrams.channelData(ChannelData.MIN_CHANNEL, "\u0004through the relay"), TURN);
        receive(Datagrams.channelData(ChannelData.MIN_CHANNEL + 1, "unknown channel"), TURN);
        receive(Datagrams.channelData(ChannelData.MIN_CHANNEL, "\u0040nested ChannelData"), TURN);

        assertEquals(3, client.taken);
        assertEquals(agents, transactionId(agentA.next().bytes()), "a response the client did not take");
        Received.Delivery relayed = link.next();
        assertEquals("through the relay", relayed.body());
        assertEquals(PEER, relayed.from());
        assertEquals(Via.relayed(LOCAL, TURN), relayed.via());
        assertEquals(1, demux.counters().dropped(DropReason.TURN_CLIENT_REFUSED));
        assertEquals(1, demux.counters().dropped(DropReason.CHANNEL_DATA_UNEXPECTED));
        assertEquals(2, demux.counters().unwrapped());

        route.close();
        receive(Datagrams.channelData(ChannelData.MIN_CHANNEL, "\u0004after close"), TURN);
        assertEquals(2, demux.counters().dropped(DropReason.CHANNEL_DATA_UNEXPECTED));
    }

    @Test
    void linkFramesGoToTheirPeersHandlerElseToTheFallback() throws Exception {
        Received fallback = new Received("fallback");
        Registration peer = demux.addPeer(PacketClass.LINK_FRAME, PEER, link);
        Registration stray = demux.setFallback(PacketClass.LINK_FRAME, fallback);
        assertThrows(IllegalStateException.class, () -> demux.addPeer(PacketClass.LINK_FRAME, PEER, fallback));
        assertThrows(IllegalStateException.class, () -> demux.setFallback(PacketClass.LINK_FRAME, link));
        assertThrows(IllegalArgumentException.class, () -> demux.addPeer(PacketClass.STUN, PEER, link));

        receive(Datagrams.linkFrame("known"), PEER);
        receive(Datagrams.linkFrame("new address"), STRANGER);
        peer.close();
        receive(Datagrams.linkFrame("after its route closed"), PEER);
        stray.close();
        receive(Datagrams.linkFrame("nobody"), STRANGER);

        assertEquals("known", link.next().body());
        Received.Delivery learned = fallback.next();
        assertEquals("new address", learned.body());
        assertEquals(STRANGER, learned.from());
        assertEquals(demux.direct(), learned.via());
        assertEquals("after its route closed", fallback.next().body());
        assertEquals(1, demux.counters().dropped(DropReason.NO_ROUTE));
    }

    @Test
    void mediaAndDtlsGoToTheirOwnHandlers() throws Exception {
        Received media = new Received("rtp");
        Received dtls = new Received("dtls");
        demux.addPeer(PacketClass.RTP_RTCP, PEER, media);
        demux.setFallback(PacketClass.DTLS, dtls);

        receive(Datagrams.rtp("audio"), PEER);
        receive(Datagrams.dtls("client hello"), STRANGER);
        receive(Datagrams.rtp("audio from a stranger"), STRANGER);
        receive(Datagrams.withFirstByte(0xC3, "QUIC"), PEER);
        receive(Datagrams.withFirstByte(0x11, "ZRTP"), PEER);
        receive(Datagrams.channelData(ChannelData.MIN_CHANNEL, "not from a TURN server"), PEER);

        assertEquals("audio", media.next().body());
        assertEquals("client hello", dtls.next().body());
        assertEquals(1, demux.counters().dropped(DropReason.NO_ROUTE));
        assertEquals(2, demux.counters().dropped(DropReason.UNCLASSIFIED));
        assertEquals(1, demux.counters().dropped(DropReason.CHANNEL_DATA_UNEXPECTED));
    }

    @Test
    void aFailingHandlerCostsOnlyItsDatagram() throws Exception {
        demux.addPeer(PacketClass.LINK_FRAME, PEER, (d, from, via) -> {
            throw new IllegalStateException("handler bug");
        });
        demux.addAgent("aaaa", (d, from, via) -> {
            throw new AssertionError("handler bug");
        });
        demux.addTurnServer(TURN, new FakeTurnClient(null, -1) {
            @Override
            public boolean receive(ByteBuf frame) {
                throw new IllegalStateException("client bug");
            }
        });

        receive(Datagrams.linkFrame("boom"), PEER);
        receive(Datagrams.check("aaaa:x"), PEER);
        receive(Datagrams.bindingIndication(), TURN);

        assertEquals(3, demux.counters().dropped(DropReason.HANDLER_FAILED));
        assertEquals(0, demux.counters().deliveredTotal());
    }

    @Test
    void aHandlerMayKeepWhatItIsLent() {
        List<ByteBuf> kept = new ArrayList<>();
        demux.addPeer(PacketClass.LINK_FRAME, PEER, (d, from, via) -> kept.add(d.retain()));
        ByteBuf frame = Datagrams.linkFrame("kept");
        demux.receive(frame, PEER);
        assertEquals(2, frame.refCnt());
        frame.release();
        assertEquals("kept", Datagrams.body(kept.get(0)));
        kept.get(0).release();
        assertEquals(0, frame.refCnt());
    }

    /** Receives {@code datagram} as the socket would and checks the demultiplexer left the reference alone. */
    private void receive(ByteBuf datagram, InetSocketAddress from) {
        int readerIndex = datagram.readerIndex();
        demux.receive(datagram, from);
        assertEquals(1, datagram.refCnt(), "the demultiplexer must neither release nor retain what it is lent");
        assertEquals(readerIndex, datagram.readerIndex());
        datagram.release();
    }

    private static String username(byte[] stun) throws Exception {
        StunMessage m = StunMessage.decode(io.netty.buffer.Unpooled.wrappedBuffer(stun));
        try {
            return m.attribute(dev.punchline.turn.wire.Username.class).orElseThrow().name();
        } finally {
            m.release();
        }
    }

    private static TransactionId transactionId(byte[] stun) throws Exception {
        StunMessage m = StunMessage.decode(io.netty.buffer.Unpooled.wrappedBuffer(stun));
        try {
            return m.transactionId();
        } finally {
            m.release();
        }
    }

    /**
     * Stands in for the TURN client where its own behaviour is not the point: takes the response to its own
     * transaction and ChannelData on its channel, whose payload it unwraps to {@link #listener} from PEER.
     */
    private static class FakeTurnClient implements TurnInbound {
        private final TransactionId own;
        private final int channel;
        TurnDataListener listener;
        int taken;

        FakeTurnClient(TransactionId own, int channel) {
            this.own = own;
            this.channel = channel;
        }

        @Override
        public boolean receive(ByteBuf frame) {
            if (PacketClass.of(frame) == PacketClass.CHANNEL_DATA) {
                if (frame.getUnsignedShort(frame.readerIndex()) != channel) {
                    return false;
                }
                taken++;
                listener.onData(PEER, frame.slice(frame.readerIndex() + 4, frame.readableBytes() - 4));
                return true;
            }
            try {
                StunMessage m = StunMessage.decode(frame);
                try {
                    boolean mine = m.transactionId().equals(own);
                    taken += mine ? 1 : 0;
                    return mine;
                } finally {
                    m.release();
                }
            } catch (Exception e) {
                return false;
            }
        }

        @Override
        public void transportClosed(String reason) {
        }

        @Override
        public void transportError(Throwable cause) {
        }
    }
}
