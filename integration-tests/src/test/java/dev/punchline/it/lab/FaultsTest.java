package dev.punchline.it.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.it.support.ItTimings;
import dev.punchline.it.support.Requirements;
import dev.punchline.tun.lab.CutDirection;
import dev.punchline.tun.lab.Host;
import dev.punchline.tun.lab.Lab;
import dev.punchline.tun.lab.NatKind;
import dev.punchline.tun.lab.PathCut;
import dev.punchline.tun.lab.Topology;
import dev.punchline.tun.process.ExternalProcess;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults on demand: a cut direct path (both ways, one way) that heals, a NAT rebinding, a server crash. */
class FaultsTest {

    @RegisterExtension
    @Order(1)
    static final LabExtension LAB = LabExtension.of(Topology.builder()
            .publicHost("relay")
            .site("eima", NatKind.PORT_RESTRICTED, "alice")
            .site("eimb", NatKind.PORT_RESTRICTED, "bob")
            .site("dbl", NatKind.DOUBLE, "dora")
            .build());

    @RegisterExtension
    @Order(2)
    static final LabRelayExtension RELAY = new LabRelayExtension(LAB, "relay");

    private static final int REPLY_MILLIS = (int) ItTimings.LAB_REPLY.toMillis();

    @Test
    void cuttingBothWaysStopsTheDirectPathButNotTheRelayAndRestoringHealsIt(Lab lab) throws Exception {
        Punched path = punched(lab);
        UdpEcho relayEcho = UdpEcho.on(lab.host("relay").openUdpSocket(0));
        InetSocketAddress toRelay = new InetSocketAddress(lab.host("relay").address(), relayEcho.port());

        try (PathCut cut = lab.cut(lab.host("alice"), lab.host("bob"), CutDirection.BOTH_WAYS)) {
            assertFalse(path.aliceReachesBob(), "alice -> bob after the cut");
            assertFalse(path.bobReachesAlice(), "bob -> alice after the cut");
            assertTrue(UdpEcho.answers(path.alice, toRelay, REPLY_MILLIS), "alice still reaches the relay");
            assertTrue(UdpEcho.answers(path.bob, toRelay, REPLY_MILLIS), "bob still reaches the relay");
            cut.restore();
            assertTrue(path.aliceReachesBob(), "alice -> bob after the restore");
            assertTrue(path.bobReachesAlice(), "bob -> alice after the restore");
        }
    }

    @Test
    void cuttingOneWayStopsOnlyThatDirection(Lab lab) throws Exception {
        Punched path = punched(lab);

        try (PathCut cut = lab.cut(lab.host("alice"), lab.host("bob"), CutDirection.ONE_WAY)) {
            assertFalse(path.aliceReachesBob(), "alice -> bob is cut");
            assertTrue(path.bobReachesAlice(), "bob -> alice still flows");
            cut.restore();
            assertTrue(path.aliceReachesBob(), "alice -> bob after the restore");
        }
    }

    @Test
    void aPathCannotBeCutTwiceNorBetweenHostsWithOnePublicAddress(Lab lab) {
        try (PathCut cut = lab.cut(lab.host("alice"), lab.host("bob"), CutDirection.ONE_WAY)) {
            assertThrows(IllegalStateException.class,
                    () -> lab.cut(lab.host("bob"), lab.host("alice"), CutDirection.BOTH_WAYS), "a second " + cut);
        }
        assertThrows(IllegalArgumentException.class,
                () -> lab.cut(lab.host("alice"), lab.host("alice"), CutDirection.ONE_WAY));
    }

    @Test
    void rebindingANatChangesThePeersPublicPort(Lab lab) throws Exception {
        for (String name : new String[] {"alice", "dora"}) {
            Host host = lab.host(name);
            DatagramSocket socket = host.openUdpSocket(0);
            InetSocketAddress stun = RELAY.address();
            InetSocketAddress before = StunBinding.mappedAddress(socket, stun);

            lab.rebind(host);

            InetSocketAddress after = StunBinding.mappedAddress(socket, stun);
            assertNotEquals(before.getPort(), after.getPort(), name + ": " + before + " then " + after);
        }
    }

    @Test
    void aServerProcessCanBeKilledAndRestarted(Lab lab) throws Exception {
        Requirements.requireCommand("turnserver");
        Host server = lab.host("relay");
        Path directory = Files.createDirectories(Path.of("target", "external-logs", "lab-coturn-" + lab.prefix()))
                .toAbsolutePath();
        ExternalProcess coturn = server.start("coturn", "turnserver", "-n", "--listening-ip=" + server.address()
                .getHostAddress(), "--relay-ip=" + server.address().getHostAddress(), "--listening-port=3479",
                "--realm=lab", "--lt-cred-mech", "--user=lab:pw", "--no-cli", "--no-tls", "--no-dtls",
                "--log-file=stdout", "--pidfile=" + directory.resolve("pid"), "--db=" + directory.resolve("db"));
        InetSocketAddress address = new InetSocketAddress(server.address(), 3479);
        DatagramSocket alice = lab.host("alice").openUdpSocket(0);
        StunBinding.mappedAddress(alice, address);

        coturn.kill();
        assertThrows(IOException.class, () -> StunBinding.mappedAddress(alice, address, 1), "a killed server answered");
        ExternalProcess restarted = server.restart(coturn);

        assertNotEquals(coturn.pid(), restarted.pid());
        StunBinding.mappedAddress(alice, address);
    }

    /** alice and bob with a punched direct path between their sockets. */
    private static Punched punched(Lab lab) throws Exception {
        InetSocketAddress stun = RELAY.address();
        DatagramSocket alice = lab.host("alice").openUdpSocket(0);
        DatagramSocket bob = lab.host("bob").openUdpSocket(0);
        InetSocketAddress aliceMapped = StunBinding.mappedAddress(alice, stun);
        InetSocketAddress bobMapped = StunBinding.mappedAddress(bob, stun);
        assertTrue(Punch.succeeds(alice, bobMapped, bob, aliceMapped, ItTimings.PUNCH_SUCCESS), "punch");
        return new Punched(alice, aliceMapped, bob, bobMapped);
    }

    private record Punched(DatagramSocket alice, InetSocketAddress aliceMapped, DatagramSocket bob,
            InetSocketAddress bobMapped) {

        boolean aliceReachesBob() throws IOException {
            return reaches(alice, bobMapped, bob);
        }

        boolean bobReachesAlice() throws IOException {
            return reaches(bob, aliceMapped, alice);
        }

        /** Sends one datagram and reports whether it arrived; stale datagrams still queued are skipped. */
        private static boolean reaches(DatagramSocket from, InetSocketAddress target, DatagramSocket to)
                throws IOException {
            byte[] marker = {(byte) System.nanoTime()};
            from.send(new DatagramPacket(marker, 1, target));
            to.setSoTimeout(REPLY_MILLIS);
            byte[] buffer = new byte[16];
            try {
                while (true) {
                    DatagramPacket received = new DatagramPacket(buffer, buffer.length);
                    to.receive(received);
                    if (received.getLength() == 1 && buffer[0] == marker[0]) {
                        return true;
                    }
                }
            } catch (SocketTimeoutException silence) {
                return false;
            }
        }
    }
}
