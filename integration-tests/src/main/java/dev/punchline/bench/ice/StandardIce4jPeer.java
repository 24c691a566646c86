package dev.punchline.bench.ice;

import dev.punchline.bench.BenchTimings;
import dev.punchline.tun.lab.Host;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.StunCandidateHarvester;
import org.ice4j.ice.harvest.TurnCandidateHarvester;
import org.ice4j.security.LongTermCredential;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One end of a session with ice4j used the standard way, as Jitsi does: an Agent with ice4j's own sockets and
 * harvesters (host, STUN and TURN), and application data only once ICE has completed, sent on the selected pair and
 * read from the component's socket. Created on the host's namespace thread so that every socket ice4j binds lives
 * there.
 */
final class StandardIce4jPeer implements AutoCloseable {

    private static final String STREAM = "data";
    /** ice4j binds its own sockets from this range (the NATs map from 20000-29999, which these stay clear of). */
    private static final int MIN_PORT = 40_000;
    private static final int MAX_PORT = 49_999;
    /**
     * Each Agent starts from the next port: ice4j's {@code free()} does not delete its TURN allocation, and a NAT
     * still holds the old mapping for a reused port, so the relay would see the same 5-tuple again and refuse the
     * new Allocate (437, allocation mismatch).
     */
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(MIN_PORT);
    /** An RTP-like first byte (version 2): outside STUN's range, so ice4j hands it to the application. */
    private static final byte MEDIA_MARKER = (byte) 0x80;

    private final Agent agent;
    private final Component component;
    private final ScheduledExecutorService media;
    private final CompletableFuture<Long> completedAt = new CompletableFuture<>();
    private final CompletableFuture<Long> firstReceivedAt = new CompletableFuture<>();
    private volatile CandidatePair selected;
    private volatile boolean closed;

    private StandardIce4jPeer(Agent agent, Component component) {
        this.agent = agent;
        this.component = component;
        this.media = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-ice4j-media");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Creates the Agent on {@code host} and gathers its candidates (blocking, as ice4j's createComponent does). */
    static StandardIce4jPeer gather(Host host, boolean controlling, InetSocketAddress turn)
            throws Exception {
        return host.runInNamespace(() -> {
            Agent agent = new Agent();
            try {
                agent.setUseDynamicPorts(true);
                agent.setControlling(controlling);
                TransportAddress server = new TransportAddress(turn, org.ice4j.Transport.UDP);
                agent.addCandidateHarvester(new StunCandidateHarvester(server));
                agent.addCandidateHarvester(new TurnCandidateHarvester(server,
                        new LongTermCredential(IceLab.USER, IceLab.PASSWORD)));
                IceMediaStream stream = agent.createMediaStream(STREAM);
                Component component = agent.createComponent(stream, nextPort(), MIN_PORT, MAX_PORT);
                return new StandardIce4jPeer(agent, component);
            } catch (Exception | Error e) {
                agent.free();
                throw e;
            }
        });
    }

    private static int nextPort() {
        return NEXT_PORT.getAndUpdate(port -> port >= MAX_PORT ? MIN_PORT : port + 1);
    }

    /** The remote description: the other side's credentials and every candidate it gathered. */
    void applyRemote(StandardIce4jPeer remote) {
        IceMediaStream stream = component.getParentStream();
        stream.setRemoteUfrag(remote.agent.getLocalUfrag());
        stream.setRemotePassword(remote.agent.getLocalPassword());
        for (LocalCandidate candidate : remote.component.getLocalCandidates()) {
            component.addRemoteCandidate(new RemoteCandidate(candidate.getTransportAddress(), component,
                    candidate.getType(), candidate.getFoundation(), candidate.getPriority(), null));
        }
    }

    /** Starts the checks; once ICE completes, the application sends a packet every media interval. */
    void start() {
        agent.addStateChangeListener(event -> {
            if (event.getNewValue() == IceProcessingState.COMPLETED) {
                selected = component.getSelectedPair();
                completedAt.complete(System.nanoTime());
                long interval = BenchTimings.MEDIA_INTERVAL.toNanos();
                media.scheduleAtFixedRate(this::sendOne, 0, interval, TimeUnit.NANOSECONDS);
            } else if (event.getNewValue() == IceProcessingState.FAILED) {
                completedAt.completeExceptionally(new IOException("ICE failed"));
            }
        });
        Thread receiver = new Thread(this::receive, "bench-ice4j-receive");
        receiver.setDaemon(true);
        receiver.start();
        agent.startConnectivityEstablishment();
    }

    private void sendOne() {
        CandidatePair pair = selected;
        if (pair == null || closed) {
            return;
        }
        byte[] payload = {MEDIA_MARKER, 0, 0, 0, 0, 0, 0, 0};
        try {
            pair.getIceSocketWrapper().send(new DatagramPacket(payload, payload.length,
                    pair.getRemoteCandidate().getTransportAddress()));
        } catch (IOException e) {
            // A send failing now and then is what media over UDP lives with; the next tick tries again.
        }
    }

    private void receive() {
        DatagramSocket socket = component.getComponentSocket();
        byte[] buffer = new byte[1500];
        try {
            socket.setSoTimeout((int) BenchTimings.RECEIVE_POLL.toMillis());
            while (!closed && !firstReceivedAt.isDone()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (packet.getLength() > 0 && buffer[0] == MEDIA_MARKER) {
                    firstReceivedAt.complete(System.nanoTime());
                }
            }
        } catch (IOException e) {
            firstReceivedAt.completeExceptionally(e);
        }
    }

    /** When ICE completed here ({@link System#nanoTime()}). */
    CompletableFuture<Long> completed() {
        return completedAt;
    }

    /** When this side's application first received the other's data ({@link System#nanoTime()}). */
    CompletableFuture<Long> firstReceived() {
        return firstReceivedAt;
    }

    /** Whether the selected pair is direct (neither end a relayed candidate). */
    boolean selectedDirect() {
        CandidatePair pair = selected;
        return pair != null && pair.getLocalCandidate().getType() != CandidateType.RELAYED_CANDIDATE
                && pair.getRemoteCandidate().getType() != CandidateType.RELAYED_CANDIDATE;
    }

    /** The selected pair as {@code local-remote} candidate types. */
    String selectedPath() {
        CandidatePair pair = selected;
        return pair == null ? "none" : shortType(pair.getLocalCandidate().getType()) + "-"
                + shortType(pair.getRemoteCandidate().getType());
    }

    private static String shortType(CandidateType type) {
        return switch (type) {
            case HOST_CANDIDATE -> "host";
            case SERVER_REFLEXIVE_CANDIDATE -> "srflx";
            case PEER_REFLEXIVE_CANDIDATE -> "prflx";
            case RELAYED_CANDIDATE -> "relay";
            default -> type.toString();
        };
    }

    /**
     * Frees the Agent, waiting at most {@link BenchTimings#AGENT_FREE}: ice4j's {@code free()} has been seen to
     * deadlock once a TURN allocation had died, and a benchmark must not hang on it.
     */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        media.shutdownNow();
        Thread free = new Thread(agent::free, "bench-ice4j-free");
        free.setDaemon(true);
        free.start();
        free.join(BenchTimings.AGENT_FREE.toMillis());
    }
}
