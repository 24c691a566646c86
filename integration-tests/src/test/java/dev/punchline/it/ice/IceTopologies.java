package dev.punchline.it.ice;

import dev.punchline.tun.lab.NatKind;
import dev.punchline.tun.lab.Topology;
import dev.punchline.tun.lab.WanConditions;

import java.time.Duration;

/**
 * The labs the session behaviours are checked in. Every one has two relays on public hosts ({@value #RELAY} and
 * {@value #SECOND_RELAY}, for re-allocation after a relay loss) and the WAN emulator holding every packet between
 * sites for {@link #ONE_WAY_DELAY}, so relay and direct paths differ as they do on the Internet.
 */
final class IceTopologies {

    static final String RELAY = "relay";
    static final String SECOND_RELAY = "relay2";
    static final String ALICE = "alice";
    static final String BOB = "bob";
    /** Alice's site. */
    static final String HOME = "home";
    /** An attacker on Alice's LAN: it reaches her host directly and can send from addresses it does not own. */
    static final String MALLORY = "mallory";
    /** An attacker on the internet: Alice's NAT keeps it out unless it goes through a relay. */
    static final String EVE = "eve";
    /** The delay the figures were measured with: 40 ms round trips to the relay and between the peers. */
    static final Duration ONE_WAY_DELAY = Duration.ofMillis(20);

    private IceTopologies() {
    }

    /** Alice and Bob behind two endpoint-independent NATs: the direct path works. */
    static Topology twoEndpointIndependentNats() {
        return base().site("home", NatKind.PORT_RESTRICTED, ALICE).site("office", NatKind.PORT_RESTRICTED, BOB).build();
    }

    /** {@link #twoEndpointIndependentNats()} with {@value #MALLORY} on Alice's LAN and {@value #EVE} on the internet. */
    static Topology twoEndpointIndependentNatsWithAttackers() {
        return base().publicHost(EVE).site(HOME, NatKind.PORT_RESTRICTED, ALICE, MALLORY)
                .site("office", NatKind.PORT_RESTRICTED, BOB).build();
    }

    /** Alice and Bob behind two symmetric NATs: only the relay works. */
    static Topology twoSymmetricNats() {
        return base().site("home", NatKind.SYMMETRIC, ALICE).site("office", NatKind.SYMMETRIC, BOB).build();
    }

    /** Alice and Bob on one LAN behind one NAT: they should meet on the LAN. */
    static Topology sameNat() {
        return base().site("home", NatKind.PORT_RESTRICTED, ALICE, BOB).build();
    }

    /** Alice behind a firewall that drops all UDP, Bob behind an endpoint-independent NAT: TURN over TCP only. */
    static Topology udpBlocked() {
        return base().site("corp", NatKind.UDP_BLOCKED, ALICE).site("office", NatKind.PORT_RESTRICTED, BOB).build();
    }

    private static Topology.Builder base() {
        return Topology.builder()
                .publicHost(RELAY)
                .publicHost(SECOND_RELAY)
                .wan(WanConditions.delay(ONE_WAY_DELAY));
    }
}
