package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * One side of a simulated session: a Link, an application stream of numbered packets into it, and a record
 * of what came out of it — how many, which ones twice, which ones out of order, the longest silence.
 */
final class SimPeer implements LinkListener {
    final String name;
    final Link link;
    final List<PathChange> changes = new ArrayList<>();
    private final VirtualScheduler scheduler;
    private final BitSet seen = new BitSet();
    long sent;
    long received;
    long deliveredTwice;
    long reordered;
    private long highestSeen;
    private long lastDeliveryAt = -1;
    long longestSilence;

    SimPeer(String name, VirtualScheduler scheduler, LinkConfig config, boolean followPeer) {
        this.name = name;
        this.scheduler = scheduler;
        this.link = Link.builder().config(config).scheduler(scheduler).listener(this).followPeer(followPeer).build();
    }

    /** Sends {@code rate} numbered packets a second for {@code duration}, starting now. */
    void stream(int rate, Duration duration) {
        long end = scheduler.nanoTime() + duration.toNanos();
        long period = 1_000_000_000L / rate;
        scheduler.every(Duration.ofNanos(period), () -> {
            if (scheduler.nanoTime() >= end) {
                return false;
            }
            sendOne();
            return true;
        });
    }

    void sendOne() {
        ByteBuf packet = Unpooled.buffer(LinkFrame.HEADER_LENGTH + Long.BYTES);
        packet.writerIndex(LinkFrame.HEADER_LENGTH).readerIndex(LinkFrame.HEADER_LENGTH);
        packet.writeLong(++sent);
        link.send(packet);
    }

    @Override
    public void onData(ByteBuf payload) {
        long value = payload.readLong();
        payload.release();
        long now = scheduler.nanoTime();
        if (lastDeliveryAt >= 0) {
            longestSilence = Math.max(longestSilence, now - lastDeliveryAt);
        }
        lastDeliveryAt = now;
        if (seen.get((int) value)) {
            deliveredTwice++;
            return;
        }
        seen.set((int) value);
        received++;
        if (value < highestSeen) {
            reordered++;
        }
        highestSeen = Math.max(highestSeen, value);
    }

    @Override
    public void onPathChange(PathChange change) {
        changes.add(change);
    }

    /** What {@code from} sent that never reached this side. */
    long lostFrom(SimPeer from) {
        return from.sent - received;
    }

    PathKind currentKind() {
        LinkPath p = link.currentPath();
        return p == null ? null : p.kind();
    }

    List<PathKind> changeKinds() {
        List<PathKind> kinds = new ArrayList<>();
        for (PathChange c : changes) {
            kinds.add(c.to() == null ? null : c.to().kind());
        }
        return kinds;
    }

    PathStats stats(LinkPath path) {
        return link.statistics().paths().stream().filter(s -> s.id().equals(path.id())).findFirst().orElseThrow();
    }

    @Override
    public String toString() {
        return name + ": sent " + sent + ", received " + received + ", reordered " + reordered + ", twice "
                + deliveredTwice + ", changes " + changes + ", " + link.statistics();
    }
}
