package dev.punchline.turn.server;

import dev.punchline.turn.server.metrics.DropReason;
import dev.punchline.turn.wire.StunClass;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The one peer-address check, seen from a client: loopback and friends are refused unless a range is opened. */
class PeerPolicyTest extends ServerFixture {

    private static InetAddress ipv4Mapped(String ipv4) throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(InetAddress.getByName(ipv4).getAddress(), 0, mapped, 12, 4);
        return Inet6Address.getByAddress(null, mapped, -1);
    }

    @Test
    void specialPurposePeersAreRefusedByDefault() throws Exception {
        start(strictConfig());
        TestClient client = udpClient();
        client.allocate();
        assertEquals(403, TestClient.errorCode(client.permit(new InetSocketAddress(CLIENT_IP, 5000))));
        assertEquals(403, TestClient.errorCode(client.permit(new InetSocketAddress(ipv4Mapped("127.0.0.1"), 5000))));
        assertEquals(403, TestClient.errorCode(client.permit(new InetSocketAddress(address("0.0.0.0"), 5000))));
        assertEquals(403, TestClient.errorCode(client.permit(new InetSocketAddress(address("10.1.2.3"), 5000))));
        assertEquals(403, TestClient.errorCode(client.permit(new InetSocketAddress(address("169.254.169.254"), 80))));
        assertEquals(403, TestClient.errorCode(client.bind(0x4000, new InetSocketAddress(CLIENT_IP, 5000))));
        assertEquals(6, server.metrics().peerRefusals());
        assertEquals(0, server.metrics().permissions());
    }

    @Test
    void oneRefusedPeerRefusesTheWholeCreatePermission() throws Exception {
        start(strictConfig().allowPeer("127.0.0.3/32"));
        TestClient client = udpClient();
        client.allocate();
        InetSocketAddress allowed = new InetSocketAddress(address("127.0.0.3"), 5000);
        assertEquals(403, TestClient.errorCode(client.permit(allowed, new InetSocketAddress(CLIENT_IP, 5000))));
        assertEquals(0, server.metrics().permissions());
        assertEquals(StunClass.SUCCESS_RESPONSE, client.permit(allowed).messageClass());
    }

    @Test
    void sendToARefusedPeerIsDropped() throws Exception {
        start(strictConfig());
        TestClient client = udpClient();
        client.allocate();
        DatagramSocket peer = peer();
        client.sendIndication(addressOf(peer), "x".getBytes());
        // The drop is counted on the server's loop, which a loaded machine may not run within a fixed wait.
        await(() -> server.metrics().drops(DropReason.NO_PERMISSION) == 1, "the refused Send to be counted");
        assertNull(receive(peer, 300));
        assertEquals(1, server.metrics().drops(DropReason.NO_PERMISSION));
    }

    @Test
    void allowPeerOpensLoopbackButNeverTheServersOwnPorts() throws Exception {
        start(config());
        TestClient client = udpClient();
        client.allocate();
        assertEquals(StunClass.SUCCESS_RESPONSE, client.permit(new InetSocketAddress(CLIENT_IP, 5000)).messageClass());
        assertEquals(StunClass.SUCCESS_RESPONSE,
                client.permit(new InetSocketAddress(ipv4Mapped("127.0.0.1"), 5000)).messageClass());
        assertEquals(1, server.metrics().permissions(), "the mapped form is the same peer");
        assertEquals(403, TestClient.errorCode(client.bind(0x4000, listener(Transport.UDP))));
        assertEquals(403, TestClient.errorCode(client.permit(new InetSocketAddress(address("0.0.0.0"), 5000))),
                "no range ever opens 0.0.0.0/8");
    }

    @Test
    void peerOfTheOtherAddressFamilyIs443() throws Exception {
        start(strictConfig());
        TestClient client = udpClient();
        client.allocate();
        InetSocketAddress ipv6Peer = new InetSocketAddress(address("2001:4860:4860::8888"), 3478);
        assertEquals(443, TestClient.errorCode(client.permit(ipv6Peer)));
        assertEquals(443, TestClient.errorCode(client.bind(0x4000, ipv6Peer)));
    }
}
