package dev.punchline.ice;

import dev.punchline.ice.control.IceRole;

import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Two connected sessions: A offers (controlling), B answers; trickle and description changes forwarded. */
final class Pair implements AutoCloseable {
    final Peer a = new Peer("A");
    final Peer b = new Peer("B");

    Pair(UnaryOperator<SessionConfig.Builder> tweak, dev.punchline.turn.server.TurnServer... relays) throws Exception {
        this(role -> tweak.apply(SessionFixture.config(role, relays)));
    }

    /** Each side's configuration from its role. */
    Pair(Configs configs) throws Exception {
        a.session = Session.open(configs.of(IceRole.CONTROLLING).build(), a).get(20, TimeUnit.SECONDS);
        try {
            b.session = Session.open(configs.of(IceRole.CONTROLLED).build(), b).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            a.session.close();
            throw e;
        }
        a.trickle = (c, u) -> b.session.addRemoteCandidate(c, u);
        b.trickle = (c, u) -> a.session.addRemoteCandidate(c, u);
    }

    @FunctionalInterface
    interface Configs {
        SessionConfig.Builder of(IceRole role) throws Exception;
    }

    /** Offer, answer, first packet each way. */
    Pair connect() throws Exception {
        b.session.applyRemoteDescription(a.session.localDescription()).get(10, TimeUnit.SECONDS);
        a.session.applyRemoteDescription(b.session.localDescription()).get(10, TimeUnit.SECONDS);
        return this;
    }

    @Override
    public void close() {
        a.session.close();
        b.session.close();
    }
}
