package dev.punchline.bench.ice;

import dev.punchline.bench.BenchTimings;
import dev.punchline.ice.RelayServer;
import dev.punchline.ice.Session;
import dev.punchline.ice.SessionConfig;
import dev.punchline.ice.SessionListener;
import dev.punchline.ice.SessionPath;
import dev.punchline.ice.control.IceRole;
import dev.punchline.ice.link.PathKind;
import dev.punchline.ice.sdp.Candidate;
import dev.punchline.tun.lab.Host;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.net.InetSocketAddress;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * One end of a Punchline session in the benchmark: the application sends a numbered packet every media interval
 * from the moment the remote description is applied (relay first), and counts what arrives — lost and reordered
 * across the switch to the direct path.
 */
final class PunchlinePeer implements SessionListener, AutoCloseable {

    /** Room before the payload for the Link's header, so that sending costs no copy. */
    private static final int HEADROOM = 64;
    private static final int PAYLOAD = 160;

    private final CompletableFuture<Long> firstReceivedAt = new CompletableFuture<>();
    private final CompletableFuture<Long> directAt = new CompletableFuture<>();
    private final AtomicLong sent = new AtomicLong();
    private final BitSet seen = new BitSet();
    private final ScheduledExecutorService media;
    private long highest = -1;
    private long reordered;
    private volatile BiConsumer<Candidate, String> trickle = (candidate, ufrag) -> { };
    private volatile Session session;

    private PunchlinePeer() {
        media = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-punchline-media");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens a session on {@code host}: sockets bound, allocation made, candidates gathered. */
    static PunchlinePeer open(Host host, IceRole role, InetSocketAddress turn) throws Exception {
        PunchlinePeer peer = new PunchlinePeer();
        SessionConfig config = SessionConfig.builder(role)
                .bind(new InetSocketAddress(host.address(), 0))
                .relay(RelayServer.udp(turn, IceLab.USER, IceLab.PASSWORD))
                .build();
        peer.session = host.runInNamespace(() -> Session.open(config, peer))
                .get(BenchTimings.SESSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return peer;
    }

    Session session() {
        return session;
    }

    /** Where this side's trickled candidates go. */
    void trickleTo(PunchlinePeer other) {
        trickle = (candidate, ufrag) -> other.session.addRemoteCandidate(candidate, ufrag);
    }

    /** The application starts sending, a packet every media interval, the first at once. */
    void startSending() {
        media.scheduleAtFixedRate(this::sendOne, 0, BenchTimings.MEDIA_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void sendOne() {
        ByteBuf buffer = Unpooled.buffer(HEADROOM + PAYLOAD);
        buffer.writerIndex(HEADROOM).readerIndex(HEADROOM);
        buffer.writeLong(sent.getAndIncrement());
        buffer.writeZero(PAYLOAD - Long.BYTES);
        session.send(buffer);
    }

    /** Stops sending; returns how many packets were sent. */
    long stopSending() throws InterruptedException {
        media.shutdown();
        media.awaitTermination(1, TimeUnit.SECONDS);
        return sent.get();
    }

    @Override
    public void onData(ByteBuf payload) {
        try {
            long sequence = payload.readLong();
            firstReceivedAt.complete(System.nanoTime());
            synchronized (this) {
                if (sequence >= 0 && sequence < Integer.MAX_VALUE && !seen.get((int) sequence)) {
                    seen.set((int) sequence);
                    if (sequence < highest) {
                        reordered++;
                    }
                    highest = Math.max(highest, sequence);
                }
            }
        } finally {
            payload.release();
        }
    }

    @Override
    public void pathChanged(SessionPath path) {
        if (path.kind() == PathKind.DIRECT) {
            directAt.complete(System.nanoTime());
        }
    }

    @Override
    public void localCandidate(Candidate candidate, String ufrag) {
        trickle.accept(candidate, ufrag);
    }

    CompletableFuture<Long> firstReceived() {
        return firstReceivedAt;
    }

    CompletableFuture<Long> direct() {
        return directAt;
    }

    boolean onDirect() {
        SessionPath path = session.currentPath();
        return path != null && path.kind() == PathKind.DIRECT;
    }

    /** Of the other side's packets numbered {@code from} (inclusive) to {@code to} (exclusive), how many never arrived. */
    synchronized long lost(long from, long to) {
        return (to - from) - seen.get((int) from, (int) to).cardinality();
    }

    /** Packets this side has sent so far. */
    long sent() {
        return sent.get();
    }

    synchronized long reordered() {
        return reordered;
    }

    @Override
    public void close() throws InterruptedException {
        stopSending();
        if (session != null) {
            session.close();
        }
    }
}
