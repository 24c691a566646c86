package dev.punchline.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.it.support.ItTimings;
import dev.punchline.tun.lab.Host;
import dev.punchline.tun.lab.Lab;
import dev.punchline.tun.lab.NatKind;
import dev.punchline.tun.lab.Topology;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The UDP-blocking firewall, the IPv6 stateful firewall, and the internet's silence towards private ranges. */
class FirewallTest {

    @RegisterExtension
    static final LabExtension LAB = LabExtension.of(Topology.builder()
            .publicHost("server")
            .site("corp", NatKind.UDP_BLOCKED, "carl")
            .site("home", NatKind.PORT_RESTRICTED, "alice")
            .build());

    private static final int REPLY_MILLIS = (int) ItTimings.LAB_REPLY.toMillis();

    @Test
    void theUdpBlockingFirewallDropsUdp(Lab lab) throws Exception {
        Host server = lab.host("server");
        UdpEcho echo = UdpEcho.on(server.openUdpSocket(7000));
        DatagramSocket carl = lab.host("carl").openUdpSocket(0);
        DatagramSocket alice = lab.host("alice").openUdpSocket(0);

        assertTrue(UdpEcho.answers(alice, new InetSocketAddress(server.address(), echo.port()), REPLY_MILLIS),
                "the server answers UDP from an ordinary NAT");
        assertFalse(UdpEcho.answers(carl, new InetSocketAddress(server.address(), echo.port()), REPLY_MILLIS));
        assertFalse(UdpEcho.answers(carl, new InetSocketAddress(server.address6(), echo.port()), REPLY_MILLIS),
                "IPv6 UDP is blocked too");
        assertEquals(1, echo.received(), "only alice's datagram reached the server");
    }

    @Test
    void theUdpBlockingFirewallPassesTcp(Lab lab) throws Exception {
        Host server = lab.host("server");
        ServerSocket listener = server.runInNamespace(() -> new ServerSocket(7001));
        try (listener; Socket carl = lab.host("carl").runInNamespace(
                () -> new Socket(server.address(), listener.getLocalPort()))) {
            try (Socket accepted = listener.accept()) {
                OutputStream out = carl.getOutputStream();
                out.write("hello".getBytes());
                out.flush();
                InputStream in = accepted.getInputStream();
                assertEquals("hello", new String(in.readNBytes(5)));
                assertEquals(lab.host("carl").publicAddress(), accepted.getInetAddress(), "NATed like any site");
            }
        }
    }

    @Test
    void ipv6OutboundPassesTheStatefulFirewallAndRepliesComeBack(Lab lab) throws Exception {
        Host server = lab.host("server");
        UdpEcho echo = UdpEcho.on(server.openUdpSocket(7002));
        DatagramSocket alice = lab.host("alice").openUdpSocket(0);

        assertTrue(UdpEcho.answers(alice, new InetSocketAddress(server.address6(), echo.port()), REPLY_MILLIS));
    }

    @Test
    void unsolicitedIpv6InboundIsBlocked(Lab lab) throws Exception {
        Host alice = lab.host("alice");
        UdpEcho echo = UdpEcho.on(alice.openUdpSocket(7003));
        DatagramSocket server = lab.host("server").openUdpSocket(0);

        assertFalse(UdpEcho.answers(server, new InetSocketAddress(alice.address6(), echo.port()), REPLY_MILLIS));
        assertEquals(0, echo.received(), "alice never saw the unsolicited datagram");
    }

    @Test
    void unsolicitedIpv4InboundToTheNatIsBlocked(Lab lab) throws Exception {
        Host alice = lab.host("alice");
        UdpEcho echo = UdpEcho.on(alice.openUdpSocket(7004));
        DatagramSocket server = lab.host("server").openUdpSocket(0);

        assertFalse(UdpEcho.answers(server, new InetSocketAddress(alice.publicAddress(), echo.port()), REPLY_MILLIS));
        assertEquals(0, echo.received());
    }

    /**
     * LAB.md: a relay sending to a peer's private address must see no error at all, as on the Internet; a local
     * "unreachable" made coturn drop whole allocations. Targets: a private LAN address, a CGNAT address, a public
     * address outside the lab (documentation range) and a unique-local IPv6 address; all are sunk inside the lab.
     */
    @Test
    void privateAndUnknownAddressesVanishWithoutAnError(Lab lab) throws Exception {
        Host alice = lab.host("alice");
        UdpEcho echo = UdpEcho.on(alice.openUdpSocket(7005));
        for (InetSocketAddress target : new InetSocketAddress[] {
                new InetSocketAddress(alice.address(), echo.port()),
                new InetSocketAddress("100.64.1.2", 7005),
                new InetSocketAddress("192.0.2.99", 7005),
                new InetSocketAddress("fd00::1", 7005)}) {
            DatagramChannel channel = lab.host("server").runInNamespace(() -> DatagramChannel.open().connect(target));
            try (channel) {
                for (int i = 0; i < 3; i++) {
                    channel.write(ByteBuffer.wrap(new byte[] {1}));
                }
                DatagramSocket socket = channel.socket();
                socket.setSoTimeout(REPLY_MILLIS);
                // An ICMP error would surface here as PortUnreachableException or "No route to host".
                assertThrows(SocketTimeoutException.class, () -> socket.receive(new DatagramPacket(new byte[8], 8)),
                        target.toString());
                channel.write(ByteBuffer.wrap(new byte[] {2}));
            }
        }
        assertEquals(0, echo.received(), "a private address must not be reachable from the internet");
    }
}
