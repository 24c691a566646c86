package dev.punchline.it.ice;

import dev.punchline.ice.Session;
import dev.punchline.ice.SessionDescription;
import dev.punchline.ice.SessionListener;
import dev.punchline.ice.SessionPath;
import dev.punchline.ice.link.PathKind;
import dev.punchline.ice.net.UdpEndpoint;
import dev.punchline.ice.sdp.Candidate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One side of a session in a lab test: what its application received (tallied as a numbered stream), the path
 * events, description changes and relay losses the session reported.
 */
final class LabPeer implements SessionListener {

    /** Room before the payload for the Link's header, so that sending costs no copy. */
    private static final int HEADROOM = 64;

    final String name;
    final List<SessionPath> paths = new CopyOnWriteArrayList<>();
    final List<String> descriptionChanges = new CopyOnWriteArrayList<>();
    final List<String> relayLosses = new CopyOnWriteArrayList<>();
    /** Every description the session announced after the first, with the relayed candidate it carried. */
    final List<SessionDescription> announced = new CopyOnWriteArrayList<>();
    final AtomicLong firstArrivalNanos = new AtomicLong();
    /** When the session first reported its relay lost ({@link System#nanoTime()}), 0 before. */
    final AtomicLong firstRelayLossNanos = new AtomicLong();
    volatile StreamTally tally = new StreamTally();
    volatile BiConsumer<Candidate, String> trickle = (candidate, ufrag) -> { };
    volatile Consumer<SessionDescription> describe = description -> { };
    volatile Session session;

    LabPeer(String name) {
        this.name = name;
    }

    @Override
    public void onData(ByteBuf payload) {
        try {
            byte[] bytes = new byte[payload.readableBytes()];
            payload.readBytes(bytes);
            firstArrivalNanos.compareAndSet(0, System.nanoTime());
            tally.accept(bytes);
        } finally {
            payload.release();
        }
    }

    @Override
    public void pathChanged(SessionPath path) {
        paths.add(path);
        System.out.println(name + " path: " + path);
    }

    @Override
    public void localDescriptionChanged(SessionDescription description, String why) {
        System.out.println(name + " description changed: " + why);
        descriptionChanges.add(why);
        announced.add(description);
        describe.accept(description);
    }

    @Override
    public void localCandidate(Candidate candidate, String ufrag) {
        trickle.accept(candidate, ufrag);
    }

    @Override
    public void relayLost(String reason) {
        System.out.println(name + " relay lost: " + reason);
        firstRelayLossNanos.compareAndSet(0, System.nanoTime());
        relayLosses.add(reason);
    }

    @Override
    public void relayUnavailable(Throwable cause) {
        System.out.println(name + " relay unavailable: " + cause);
    }

    /** Sends one application packet through the session. */
    void send(byte[] packet) {
        ByteBuf buffer = Unpooled.buffer(HEADROOM + packet.length);
        buffer.writerIndex(HEADROOM).readerIndex(HEADROOM);
        buffer.writeBytes(packet);
        session.send(buffer);
    }

    /** Starts counting a new stream from sequence number 0. */
    StreamTally newTally() {
        StreamTally fresh = new StreamTally();
        tally = fresh;
        return fresh;
    }

    PathKind currentKind() {
        SessionPath path = session.currentPath();
        return path == null ? null : path.kind();
    }

    /** Datagrams the kernel dropped on the session's sockets (receive buffer full), apart from path loss. */
    long socketReceiveDrops() {
        return session.endpoints().stream().map(UdpEndpoint::socketReceiveDrops)
                .mapToLong(drops -> drops.orElse(0)).sum();
    }
}
