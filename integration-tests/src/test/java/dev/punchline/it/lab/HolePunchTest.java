package dev.punchline.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.it.support.ItTimings;
import dev.punchline.tun.lab.AddressPlan;
import dev.punchline.tun.lab.Host;
import dev.punchline.tun.lab.Lab;
import dev.punchline.tun.lab.NatKind;
import dev.punchline.tun.lab.Topology;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plain UDP sockets across the lab's NATs: which kinds of NAT hole punching gets through, and which not. */
class HolePunchTest {

    @RegisterExtension
    @Order(1)
    static final LabExtension LAB = LabExtension.of(Topology.builder()
            .publicHost("relay")
            .publicHost("pat")
            .site("eima", NatKind.PORT_RESTRICTED, "alice", "alice2")
            .site("eimb", NatKind.PORT_RESTRICTED, "bob")
            .site("syma", NatKind.SYMMETRIC, "sam")
            .site("symb", NatKind.SYMMETRIC, "sue")
            .site("dbl", NatKind.DOUBLE, "dora")
            .build());

    @RegisterExtension
    @Order(2)
    static final LabRelayExtension RELAY = new LabRelayExtension(LAB, "relay");


    @Test
    void twoEndpointIndependentNatsPunch() throws Exception {
        assertTrue(punch("alice", "bob", ItTimings.PUNCH_SUCCESS));
    }

    @Test
    void doubleNatAndEndpointIndependentNatPunch() throws Exception {
        assertTrue(punch("dora", "bob", ItTimings.PUNCH_SUCCESS));
    }

    @Test
    void publicHostAndEndpointIndependentNatPunch() throws Exception {
        assertTrue(punch("pat", "alice", ItTimings.PUNCH_SUCCESS));
    }

    @Test
    void twoSymmetricNatsDoNotPunch() throws Exception {
        assertFalse(punch("sam", "sue", ItTimings.PUNCH_FAILURE));
    }

    @Test
    void symmetricAndPortRestrictedNatsDoNotPunch() throws Exception {
        assertFalse(punch("sam", "bob", ItTimings.PUNCH_FAILURE));
    }

    @Test
    void hostsBehindOneNatReachEachOtherOnTheLan(Lab lab) {
        Host alice = lab.host("alice");
        Host alice2 = lab.host("alice2");
        DatagramSocket a = alice.openUdpSocket(0);
        DatagramSocket b = alice2.openUdpSocket(0);

        assertTrue(Punch.succeeds(a, new InetSocketAddress(alice2.address(), b.getLocalPort()),
                b, new InetSocketAddress(alice.address(), a.getLocalPort()), ItTimings.PUNCH_SUCCESS));
    }

    @Test
    void stunBindingReportsEachPeersPublicMapping(Lab lab) throws Exception {
        for (String name : new String[] {"alice", "alice2", "bob", "sam", "dora", "pat"}) {
            Host host = lab.host(name);
            DatagramSocket socket = host.openUdpSocket(0);

            InetSocketAddress mapped = StunBinding.mappedAddress(socket, RELAY.address());

            assertEquals(host.publicAddress(), mapped.getAddress(), name);
            if (host.site().isEmpty()) {
                assertEquals(socket.getLocalPort(), mapped.getPort(), name + " is not behind a NAT");
            } else {
                assertNotEquals(socket.getLocalPort(), mapped.getPort(), name + "'s NAT maps to its own ports");
            }
        }
        int alicePort = StunBinding.mappedAddress(lab.host("alice").openUdpSocket(0), RELAY.address()).getPort();
        assertTrue(alicePort >= AddressPlan.NAT_PORTS_MIN && alicePort <= AddressPlan.NAT_PORTS_MAX, "" + alicePort);
    }

    /** Each host learns its mapping from the relay, then both punch towards the other's mapping at once. */
    private static boolean punch(String first, String second, Duration timeout) throws Exception {
        Lab lab = LAB.lab();
        InetSocketAddress stun = RELAY.address();
        DatagramSocket a = lab.host(first).openUdpSocket(0);
        DatagramSocket b = lab.host(second).openUdpSocket(0);
        InetSocketAddress aMapped = StunBinding.mappedAddress(a, stun);
        InetSocketAddress bMapped = StunBinding.mappedAddress(b, stun);
        return Punch.succeeds(a, bMapped, b, aMapped, timeout);
    }
}
