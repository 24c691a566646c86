package dev.punchline.it.ice;

import dev.punchline.ice.RelayServer;
import dev.punchline.ice.Session;
import dev.punchline.ice.SessionConfig;
import dev.punchline.ice.SessionDescription;
import dev.punchline.ice.control.IceRole;
import dev.punchline.tun.lab.Host;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Two sessions on two lab hosts with their signalling in process: the offerer's description is applied by the
 * answerer, which then answers; afterwards a {@link SignalingChannel} each way carries trickled candidates and
 * description changes (a new relay, an ICE restart) in order and asynchronously, and the other side applies a
 * changed description whole, with {@code applyRemoteDescription}, as the Session javadoc asks. Each session is
 * opened on its host's namespace thread, so its sockets and its thread live there.
 */
final class SessionPair implements AutoCloseable {

    private static final Duration SETUP = Duration.ofSeconds(10);

    final LabPeer offerer;
    final LabPeer answerer;
    private final SignalingChannel toAnswerer = new SignalingChannel("to-answerer");
    private final SignalingChannel toOfferer = new SignalingChannel("to-offerer");
    /** When the answerer applied the offer and when the offerer applied the answer ({@link System#nanoTime()}). */
    long offerApplied;
    long answerApplied;

    private SessionPair(LabPeer offerer, LabPeer answerer) {
        this.offerer = offerer;
        this.answerer = answerer;
    }

    /** A session config on {@code host} that uses {@code relays} (UDP, the lab relays' user). */
    static SessionConfig.Builder config(IceRole role, Host host, List<InetSocketAddress> relays) {
        SessionConfig.Builder builder = SessionConfig.builder(role).bind(new InetSocketAddress(host.address(), 0));
        for (InetSocketAddress relay : relays) {
            builder.relay(RelayServer.udp(relay, dev.punchline.it.lab.LabRelay.USER,
                    dev.punchline.it.lab.LabRelay.PASSWORD));
        }
        return builder;
    }

    /** Opens both sessions on the same relays and signals offer and answer; data may flow when this returns. */
    static SessionPair connect(Host offererHost, Host answererHost, List<InetSocketAddress> relays,
            UnaryOperator<SessionConfig.Builder> tuning) throws Exception {
        return connect(offererHost, tuning.apply(config(IceRole.CONTROLLING, offererHost, relays)), answererHost,
                tuning.apply(config(IceRole.CONTROLLED, answererHost, relays)));
    }

    /** Opens both sessions, each with its own configuration, and signals offer and answer. */
    static SessionPair connect(Host offererHost, SessionConfig.Builder offererConfig, Host answererHost,
            SessionConfig.Builder answererConfig) throws Exception {
        SessionPair pair = open(offererHost, offererConfig, answererHost, answererConfig);
        try {
            pair.signal();
            return pair;
        } catch (Exception | Error e) {
            pair.close();
            throw e;
        }
    }

    /** Opens both sessions on the same relays, trickle wired, nothing signalled yet. */
    static SessionPair open(Host offererHost, Host answererHost, List<InetSocketAddress> relays) throws Exception {
        return open(offererHost, config(IceRole.CONTROLLING, offererHost, relays), answererHost,
                config(IceRole.CONTROLLED, answererHost, relays));
    }

    private static SessionPair open(Host offererHost, SessionConfig.Builder offererConfig, Host answererHost,
            SessionConfig.Builder answererConfig) throws Exception {
        LabPeer offerer = new LabPeer(offererHost.name());
        LabPeer answerer = new LabPeer(answererHost.name());
        SessionPair pair = new SessionPair(offerer, answerer);
        try {
            offerer.session = open(offererHost, offererConfig, offerer);
            answerer.session = open(answererHost, answererConfig, answerer);
            offerer.trickle = (candidate, ufrag) -> pair.toAnswerer.send(
                    () -> answerer.session.addRemoteCandidate(candidate, ufrag));
            answerer.trickle = (candidate, ufrag) -> pair.toOfferer.send(
                    () -> offerer.session.addRemoteCandidate(candidate, ufrag));
            offerer.describe = description -> pair.toAnswerer.send(
                    () -> answerer.session.applyRemoteDescription(description));
            answerer.describe = description -> pair.toOfferer.send(
                    () -> offerer.session.applyRemoteDescription(description));
            return pair;
        } catch (Exception | Error e) {
            pair.close();
            throw e;
        }
    }

    private static Session open(Host host, SessionConfig.Builder config, LabPeer peer) throws Exception {
        SessionConfig built = config.build();
        return host.runInNamespace(() -> Session.open(built, peer)).get(SETUP.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void signal() throws Exception {
        SessionDescription offer = offerer.session.localDescription();
        offerApplied = System.nanoTime();
        answerer.session.applyRemoteDescription(offer).get(SETUP.toMillis(), TimeUnit.MILLISECONDS);
        SessionDescription answer = answerer.session.localDescription();
        answerApplied = System.nanoTime();
        offerer.session.applyRemoteDescription(answer).get(SETUP.toMillis(), TimeUnit.MILLISECONDS);
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": not within " + timeout.toMillis() + " ms");
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() throws InterruptedException {
        toAnswerer.close();
        toOfferer.close();
        for (LabPeer peer : List.of(offerer, answerer)) {
            if (peer.session != null) {
                peer.session.close();
            }
        }
    }
}
