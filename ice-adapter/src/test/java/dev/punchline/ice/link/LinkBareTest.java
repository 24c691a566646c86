package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Towards a standard peer (no framing negotiated) packets go bare and the Link only picks the path, from the
 * states the session reports (ICE consent): nothing is probed, numbered, deduplicated or held.
 */
class LinkBareTest {
    private final VirtualScheduler clock = new VirtualScheduler();
    private final List<ByteBuf> delivered = new ArrayList<>();
    private final List<PathChange> changes = new ArrayList<>();
    private final Link link = Link.builder().framing(false).scheduler(clock).listener(new LinkListener() {
        @Override
        public void onData(ByteBuf payload) {
            delivered.add(payload);
        }

        @Override
        public void onPathChange(PathChange change) {
            changes.add(change);
        }
    }).build();
    private final CapturingPath relay = new CapturingPath("relay", PathKind.RELAY);
    private final CapturingPath direct = new CapturingPath("direct", PathKind.DIRECT);

    @Test
    void packetsGoBareOnThePathTheSessionsReportsPick() {
        PathHandle relayHandle = link.addPath(relay.path);
        PathHandle directHandle = link.addPath(direct.path);
        ByteBuf fromPeer = bytes("rtp from a standard peer");
        relayHandle.receive(fromPeer);
        assertSame(fromPeer, delivered.get(0), "delivered as it came");
        fromPeer.release();

        link.send(bytes("one"));
        assertEquals(List.of("one"), texts(relay));
        assertEquals(List.of(), texts(direct));

        directHandle.reportState(PathState.TRUSTED);
        link.send(bytes("two"));
        assertEquals(List.of(), texts(relay));
        assertEquals(List.of("two"), texts(direct));

        directHandle.reportState(PathState.SUSPECT);
        link.send(bytes("three"));
        assertEquals(List.of("three"), texts(relay), "failing direct path: the relay carries it");
        assertEquals(List.of("three"), texts(direct), "and the direct path a copy, the peer's jitter buffer drops one");

        directHandle.reportState(PathState.DEAD);
        link.send(bytes("four"));
        assertEquals(List.of("four"), texts(relay));
        assertEquals(List.of(), texts(direct));

        assertEquals(List.of(PathKind.RELAY, PathKind.DIRECT, PathKind.RELAY),
                changes.stream().map(c -> c.to().kind()).toList());
        assertTrue(changes.get(2).reason().contains("reported by the session"), changes.get(2).reason());
        clock.runFor(Duration.ofSeconds(10));
        assertEquals(List.of(), texts(relay), "no probes to a peer that would not understand them");
    }

    @Test
    void betweenPunchlinePeersTheLinksOwnProbesDecide() {
        Link framed = Link.builder().scheduler(clock).listener(ByteBuf::release).build();
        CapturingPath direct = new CapturingPath("direct", PathKind.DIRECT);
        PathHandle handle = framed.addPath(direct.path);
        assertThrows(IllegalStateException.class, () -> handle.reportState(PathState.TRUSTED));
        direct.drain(LinkFrame.TYPE_PROBE);
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static List<String> texts(CapturingPath path) {
        List<String> out = path.sent.stream().map(b -> b.toString(StandardCharsets.UTF_8)).toList();
        path.sent.forEach(ByteBuf::release);
        path.sent.clear();
        return out;
    }
}
