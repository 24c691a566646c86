package dev.punchline.ice;

import dev.punchline.ice.link.PathKind;
import dev.punchline.ice.sdp.Candidate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/** A test's side of a session: records what arrives (numbered packets), path events, description changes. */
final class Peer implements SessionListener {
    final String name;
    final List<Long> received = new CopyOnWriteArrayList<>();
    final List<SessionPath> paths = new CopyOnWriteArrayList<>();
    final BlockingQueue<SessionDescription> changed = new LinkedBlockingQueue<>();
    final List<String> relayLosses = new CopyOnWriteArrayList<>();
    final AtomicLong firstArrivalNanos = new AtomicLong();
    volatile BiConsumer<Candidate, String> trickle = (c, u) -> { };
    volatile Session session;
    private long nextSeq;

    Peer(String name) {
        this.name = name;
    }

    @Override
    public void onData(ByteBuf payload) {
        try {
            received.add(payload.readLong());
            firstArrivalNanos.compareAndSet(0, System.nanoTime());
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
        changed.add(description);
    }

    @Override
    public void localCandidate(Candidate candidate, String ufrag) {
        trickle.accept(candidate, ufrag);
    }

    @Override
    public void relayLost(String reason) {
        System.out.println(name + " relay lost: " + reason);
        relayLosses.add(reason);
    }

    /** The kind of path the data takes now, or null before there is one. */
    PathKind currentKind() {
        SessionPath path = session.currentPath();
        return path == null ? null : path.kind();
    }

    /** Sends the next numbered packet (with headroom for the Link's header). */
    synchronized long sendNext() {
        long seq = nextSeq++;
        ByteBuf buf = Unpooled.buffer(64 + 8);
        buf.writerIndex(64).readerIndex(64);
        buf.writeLong(seq);
        session.send(buf);
        return seq;
    }

    synchronized long sent() {
        return nextSeq;
    }

    /** Packets missing among 0..sent-1 and packets that arrived after a higher number. */
    int[] lostAndReordered(long sent) {
        long highest = -1;
        int reordered = 0;
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (long seq : received) {
            if (seq < highest) {
                reordered++;
            }
            highest = Math.max(highest, seq);
            seen.add(seq);
        }
        int lost = 0;
        java.util.List<Long> missing = new java.util.ArrayList<>();
        for (long i = 0; i < sent; i++) {
            if (!seen.contains(i)) {
                lost++;
                missing.add(i);
            }
        }
        if (lost > 0) {
            System.out.println(name + " missing " + missing);
        }
        return new int[] {lost, reordered, received.size() - seen.size()};
    }
}
