package dev.punchline.bench.ice;

import dev.punchline.tun.lab.AddressPlan;
import dev.punchline.tun.lab.CutDirection;
import dev.punchline.tun.lab.Host;
import dev.punchline.tun.lab.Lab;
import dev.punchline.tun.lab.NatKind;
import dev.punchline.tun.lab.PathCut;
import dev.punchline.tun.lab.Topology;
import dev.punchline.tun.lab.WanConditions;
import dev.punchline.turn.server.ListenAddress;
import dev.punchline.turn.server.TurnServer;
import dev.punchline.turn.server.TurnServerConfig;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The lab the ICE benchmark runs in: our TURN server on a public host, two peers behind endpoint-independent NATs
 * (the direct path wins) and two behind symmetric NATs (only the relay works), every packet between sites held by
 * the WAN emulator for the given one-way delay.
 */
final class IceLab implements AutoCloseable {

    static final String RELAY = "relay";
    static final String USER = "bench";
    static final String PASSWORD = "bench-password";
    private static final int TURN_PORT = 3478;

    private final Lab lab;
    private final TurnServer turn;

    private IceLab(Lab lab, TurnServer turn) {
        this.lab = lab;
        this.turn = turn;
    }

    static IceLab start(Duration oneWayDelay) throws Exception {
        Lab lab = Lab.build(Topology.builder()
                .publicHost(RELAY)
                .site("eima", NatKind.PORT_RESTRICTED, "alice")
                .site("eimb", NatKind.PORT_RESTRICTED, "bob")
                .site("syma", NatKind.SYMMETRIC, "carol")
                .site("symb", NatKind.SYMMETRIC, "dave")
                .wan(WanConditions.delay(oneWayDelay))
                .build());
        try {
            Host relay = lab.host(RELAY);
            TurnServerConfig.Builder config = TurnServerConfig.builder()
                    .listen(ListenAddress.udp(new InetSocketAddress(relay.address(), TURN_PORT)))
                    .realm("bench")
                    .user(USER, PASSWORD)
                    // ice4j's free() leaves its allocations to expire: every session's stay until the run ends.
                    .userQuota(TurnServerConfig.DEFAULT_MAX_ALLOCATIONS)
                    .eventLoopThreads(1);
            AddressPlan.PUBLIC_RANGES.forEach(config::allowPeer);
            TurnServerConfig built = config.build();
            return new IceLab(lab, relay.runInNamespace(() -> TurnServer.start(built)));
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    /** Two peers whose NATs let a direct path through. */
    PeerPair direct() {
        return new PeerPair("direct (2 EIM NATs)", lab.host("alice"), lab.host("bob"));
    }

    /** Two peers between whom only the relay works. */
    PeerPair relayOnly() {
        return new PeerPair("relay only (2 symmetric NATs)", lab.host("carol"), lab.host("dave"));
    }

    /** Drops the direct path between the two peers both ways until the cut is closed. */
    PathCut cut(PeerPair peers) {
        return lab.cut(peers.offerer(), peers.answerer(), CutDirection.BOTH_WAYS);
    }

    InetSocketAddress turnAddress() {
        return new InetSocketAddress(lab.host(RELAY).address(), TURN_PORT);
    }

    @Override
    public void close() {
        try {
            turn.close();
        } finally {
            lab.close();
        }
    }

    /** The two ends of a session: the offerer (controlling) and the answerer. */
    record PeerPair(String name, Host offerer, Host answerer) {
    }
}
