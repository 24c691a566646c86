package dev.punchline.turn.server;

import dev.punchline.turn.server.metrics.DropReason;
import dev.punchline.turn.wire.StunClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayTest extends ServerFixture {

    private static final int QUIET_MS = 300;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sendIndicationReachesAPermittedPeerFromTheRelayedAddress() throws Exception {
        start(config());
        TestClient client = udpClient();
        InetSocketAddress relayed = client.allocate();
        DatagramSocket peer = peer();
        assertEquals(StunClass.SUCCESS_RESPONSE, client.permit(addressOf(peer)).messageClass());

        client.sendIndication(addressOf(peer), bytes("hello peer"));
        DatagramPacket received = expectDatagram(peer, bytes("hello peer"));
        assertEquals(relayed, received.getSocketAddress());
        assertEquals(1, server.metrics().packetsToPeer());
        assertEquals(10, server.metrics().bytesToPeer());
    }

    @Test
    void peerDataComesBackAsADataIndication() throws Exception {
        start(config());
        TestClient client = udpClient();
        InetSocketAddress relayed = client.allocate();
        DatagramSocket peer = peer();
        client.permit(addressOf(peer));

        sendTo(peer, relayed, bytes("hello client"));
        assertArrayEquals(bytes("hello client"), client.receiveData(TestClient.TIMEOUT_MS));
        assertEquals(1, server.metrics().packetsToClient());
    }

    /** 0x6B3D: RFC 5766 clients (coturn's turnutils_uclient among them) bind channels above RFC 8656's 0x4FFF. */
    @ParameterizedTest
    @ValueSource(ints = {0x4001, 0x6B3D})
    void channelDataFlowsBothWays(int channel) throws Exception {
        start(config());
        TestClient client = udpClient();
        InetSocketAddress relayed = client.allocate();
        DatagramSocket peer = peer();
        assertEquals(StunClass.SUCCESS_RESPONSE, client.bind(channel, addressOf(peer)).messageClass());
        assertEquals(1, server.metrics().channels());
        assertEquals(1, server.metrics().permissions(), "ChannelBind installs the permission too");

        client.sendChannelData(channel, bytes("via channel"));
        DatagramPacket received = expectDatagram(peer, bytes("via channel"));
        assertEquals(relayed, received.getSocketAddress());

        sendTo(peer, relayed, bytes("back"));
        byte[] frame = client.receiveFrame(TestClient.TIMEOUT_MS);
        assertNotNull(frame);
        assertEquals(channel >> 8, frame[0]);
        assertEquals((byte) channel, frame[1]);
        assertEquals(4 + 4, frame.length, "no padding over UDP");
    }

    @Test
    void channelBindRulesAreEnforced() throws Exception {
        start(config());
        TestClient client = udpClient();
        client.allocate();
        InetSocketAddress one = addressOf(peer());
        InetSocketAddress two = addressOf(peer());
        assertEquals(400, TestClient.errorCode(client.bind(0x3FFF, one)), "below the channel range");
        assertEquals(400, TestClient.errorCode(client.bind(0x8000, one)), "above the channel range");
        assertEquals(StunClass.SUCCESS_RESPONSE, client.bind(0x4000, one).messageClass());
        assertEquals(StunClass.SUCCESS_RESPONSE, client.bind(0x4000, one).messageClass(), "refresh is fine");
        assertEquals(400, TestClient.errorCode(client.bind(0x4000, two)), "number taken by another peer");
        assertEquals(400, TestClient.errorCode(client.bind(0x4FFF, one)), "peer bound to another number");
        assertEquals(StunClass.SUCCESS_RESPONSE, client.bind(0x4FFF, two).messageClass());
    }

    /** RFC 8656 §12, with a 300 ms channel lifetime: the quarantine is long enough for the refusals to be tried in it. */
    @Test
    void anExpiredChannelKeepsItsNumberAndPeerForEachOtherDuringTheQuarantine() throws Exception {
        start(config().channelLifetime(Duration.ofMillis(300)).channelQuarantine(Duration.ofSeconds(3)));
        TestClient client = udpClient();
        client.allocate();
        InetSocketAddress one = addressOf(peer());
        InetSocketAddress two = addressOf(peer());
        assertEquals(StunClass.SUCCESS_RESPONSE, client.bind(0x4000, one).messageClass());
        await(() -> server.metrics().channels() == 0, "the channel to expire");
        long expired = System.nanoTime();

        assertEquals(400, TestClient.errorCode(client.bind(0x4000, two)), "number quarantined for its old peer");
        assertEquals(400, TestClient.errorCode(client.bind(0x4001, one)), "peer quarantined for its old number");
        assertTrue(System.nanoTime() - expired < Duration.ofSeconds(3).toNanos(), "refusals came too late to count");

        Thread.sleep(Math.max(0, Duration.ofSeconds(3).toMillis() - (System.nanoTime() - expired) / 1_000_000) + 200);
        assertEquals(StunClass.SUCCESS_RESPONSE, client.bind(0x4000, two).messageClass(), "quarantine over");
        assertEquals(StunClass.SUCCESS_RESPONSE, client.bind(0x4001, one).messageClass(), "quarantine over");
    }

    @Test
    void anExpiredChannelMayBeBoundAgainToTheSamePeer() throws Exception {
        start(config().channelLifetime(Duration.ofMillis(300)));
        TestClient client = udpClient();
        client.allocate();
        DatagramSocket peer = peer();
        InetSocketAddress other = addressOf(peer());
        assertEquals(StunClass.SUCCESS_RESPONSE, client.bind(0x4000, addressOf(peer)).messageClass());
        await(() -> server.metrics().channels() == 0, "the channel to expire");
        client.sendChannelData(0x4000, bytes("unbound"));
        await(() -> server.metrics().drops(DropReason.NO_CHANNEL) == 1, "ChannelData on the expired channel to drop");

        assertEquals(StunClass.SUCCESS_RESPONSE, client.bind(0x4000, addressOf(peer)).messageClass());
        client.sendChannelData(0x4000, bytes("bound again"));
        expectDatagram(peer, bytes("bound again"));
        assertEquals(400, TestClient.errorCode(client.bind(0x4000, other)), "and it is a live binding again");
    }

    @Test
    void anAllocationHoldsAtMostItsCapOfPermissions() throws Exception {
        start(config().maxPermissions(3));
        TestClient client = udpClient();
        client.allocate();
        InetSocketAddress one = new InetSocketAddress(address("127.0.0.11"), 5000);
        InetSocketAddress two = new InetSocketAddress(address("127.0.0.12"), 5000);
        InetSocketAddress three = new InetSocketAddress(address("127.0.0.13"), 5000);
        InetSocketAddress four = new InetSocketAddress(address("127.0.0.14"), 5000);
        assertEquals(StunClass.SUCCESS_RESPONSE, client.permit(one, two).messageClass());
        assertEquals(508, TestClient.errorCode(client.permit(three, four)), "all or nothing");
        assertEquals(2, server.metrics().permissions());
        assertEquals(StunClass.SUCCESS_RESPONSE, client.permit(three, one, two).messageClass(), "refreshes are free");
        assertEquals(508, TestClient.errorCode(client.bind(0x4000, four)), "a channel needs a permission too");
        assertEquals(StunClass.SUCCESS_RESPONSE, client.bind(0x4000, one).messageClass());
        assertEquals(3, server.metrics().permissions());
    }

    @Test
    void inboundDataWithoutPermissionIsDroppedAndCounted() throws Exception {
        start(config());
        TestClient client = udpClient();
        InetSocketAddress relayed = client.allocate();
        DatagramSocket stranger = peer();
        sendTo(stranger, relayed, bytes("let me in"));
        assertNull(client.receiveData(QUIET_MS));
        await(() -> server.metrics().drops(DropReason.NO_PERMISSION) == 1, "the drop to be counted");
    }

    @Test
    void sendWithoutPermissionIsDropped() throws Exception {
        start(config());
        TestClient client = udpClient();
        client.allocate();
        DatagramSocket peer = peer();
        client.sendIndication(addressOf(peer), bytes("no permission"));
        assertNull(receive(peer, QUIET_MS));
        assertEquals(1, server.metrics().drops(DropReason.NO_PERMISSION));
    }

    @Test
    void permissionsExpire() throws Exception {
        start(config().permissionLifetime(Duration.ofMillis(300)));
        TestClient client = udpClient();
        InetSocketAddress relayed = client.allocate();
        DatagramSocket peer = peer();
        client.permit(addressOf(peer));
        assertEquals(1, server.metrics().permissions());
        await(() -> server.metrics().permissions() == 0, "the permission to expire");
        sendTo(peer, relayed, bytes("too late"));
        assertNull(client.receiveData(QUIET_MS));
    }

    /**
     * A channel outlives its peer's permission unless the client refreshes it (600 s against 300 s): in between, the
     * channel relays nothing either way, and a new CreatePermission lets it carry data again.
     */
    @Test
    void aBoundChannelRelaysOnlyWhileItsPeerHoldsAPermission() throws Exception {
        start(config().permissionLifetime(Duration.ofMillis(300)));
        TestClient client = udpClient();
        InetSocketAddress relayed = client.allocate();
        DatagramSocket peer = peer();
        assertEquals(StunClass.SUCCESS_RESPONSE, client.bind(0x4000, addressOf(peer)).messageClass());
        client.sendChannelData(0x4000, bytes("while permitted"));
        expectDatagram(peer, bytes("while permitted"));

        await(() -> server.metrics().permissions() == 0, "the permission to expire");
        assertEquals(1, server.metrics().channels());
        client.sendChannelData(0x4000, bytes("to peer, lapsed"));
        sendTo(peer, relayed, bytes("to client, lapsed"));
        assertNull(receive(peer, QUIET_MS));
        assertNull(client.receiveData(QUIET_MS));
        await(() -> server.metrics().drops(DropReason.NO_PERMISSION) == 2, "both drops to be counted");

        assertEquals(StunClass.SUCCESS_RESPONSE, client.permit(addressOf(peer)).messageClass());
        client.sendChannelData(0x4000, bytes("permitted again"));
        expectDatagram(peer, bytes("permitted again"));
        sendTo(peer, relayed, bytes("back to client"));
        byte[] frame = client.receiveFrame(TestClient.TIMEOUT_MS);
        assertNotNull(frame);
        assertEquals(0x4000, ((frame[0] & 0xFF) << 8) | (frame[1] & 0xFF), "on the channel");
        assertArrayEquals(bytes("back to client"), Arrays.copyOfRange(frame, 4, frame.length));
    }

    @Test
    void oneCreatePermissionCoversSeveralPeers() throws Exception {
        start(config());
        TestClient client = udpClient();
        InetSocketAddress relayed = client.allocate();
        DatagramSocket one = peer();
        DatagramSocket two = new DatagramSocket(new InetSocketAddress(address("127.0.0.3"), 0));
        keep(two);
        assertEquals(StunClass.SUCCESS_RESPONSE, client.permit(addressOf(one), addressOf(two)).messageClass());
        assertEquals(2, server.metrics().permissions());
        sendTo(two, relayed, bytes("from two"));
        assertArrayEquals(bytes("from two"), client.receiveData(TestClient.TIMEOUT_MS));
    }

    @Test
    void twoAllocationsOfThisServerTalkInternally() throws Exception {
        start(config());
        TestClient alice = udpClient();
        TestClient bob = udpClient();
        InetSocketAddress aliceRelay = alice.allocate();
        InetSocketAddress bobRelay = bob.allocate();
        assertEquals(StunClass.SUCCESS_RESPONSE, alice.bind(0x4000, bobRelay).messageClass());
        assertEquals(StunClass.SUCCESS_RESPONSE, bob.permit(aliceRelay).messageClass());

        alice.sendChannelData(0x4000, bytes("to bob"));
        assertArrayEquals(bytes("to bob"), bob.receiveData(TestClient.TIMEOUT_MS));

        bob.sendIndication(aliceRelay, bytes("to alice"));
        assertArrayEquals(bytes("to alice"), alice.receiveData(TestClient.TIMEOUT_MS));
        assertEquals(2, server.metrics().packetsToPeer());
        assertEquals(2, server.metrics().packetsToClient());
    }

    @Test
    void internalTrafficStillNeedsThePermissionOfTheReceiver() throws Exception {
        start(config());
        TestClient alice = udpClient();
        TestClient bob = udpClient();
        alice.allocate();
        InetSocketAddress bobRelay = bob.allocate();
        alice.permit(bobRelay);
        alice.sendIndication(bobRelay, bytes("unasked"));
        assertNull(bob.receiveData(QUIET_MS));
        assertEquals(1, server.metrics().drops(DropReason.NO_PERMISSION));
    }

    @Test
    void ownRelayAddressWithoutAnAllocationIsNotReachedThroughTheKernel() throws Exception {
        start(strictConfig());
        TestClient alice = udpClient();
        alice.allocate();
        DatagramSocket squatter = keep(new DatagramSocket(new InetSocketAddress(RELAY_IP, 0)));
        // A permission for the relay address is granted (allocations talk to each other through it), but no
        // allocation lives on the squatter's port and loopback is not opened: nothing may reach it.
        assertEquals(StunClass.SUCCESS_RESPONSE, alice.permit(addressOf(squatter)).messageClass());
        alice.sendIndication(addressOf(squatter), bytes("x"));
        assertNull(receive(squatter, QUIET_MS));
        assertEquals(1, server.metrics().drops(DropReason.NO_PERMISSION));
    }

    @Test
    void aVanishedAllocationsPortIsNotReachedThroughTheKernel() throws Exception {
        start(strictConfig());
        TestClient alice = udpClient();
        TestClient bob = udpClient();
        alice.allocate();
        InetSocketAddress bobRelay = bob.allocate();
        assertEquals(StunClass.SUCCESS_RESPONSE, alice.bind(0x4000, bobRelay).messageClass());
        bob.refresh(0);
        await(() -> server.metrics().allocations() == 1, "bob's allocation to go");
        DatagramSocket squatter = keep(new DatagramSocket(bobRelay));
        alice.sendChannelData(0x4000, bytes("for bob"));
        assertNull(receive(squatter, QUIET_MS));
        assertEquals(1, server.metrics().drops(DropReason.NO_SUCH_RELAY));
    }

    @Test
    void ownRelayAddressInAnOpenedRangeIsReachedOnOtherPorts() throws Exception {
        start(config());
        TestClient alice = udpClient();
        alice.allocate();
        DatagramSocket neighbour = keep(new DatagramSocket(new InetSocketAddress(RELAY_IP, 0)));
        alice.permit(addressOf(neighbour));
        alice.sendIndication(addressOf(neighbour), bytes("x"));
        assertNotNull(receive(neighbour, TestClient.TIMEOUT_MS), "127.0.0.0/8 was opened");
    }

    @Test
    void aFailedSendDropsThatPacketAndTheAllocationLivesOn() throws Exception {
        start(config().allowPeer("203.0.113.0/24"));
        TestClient client = udpClient();
        InetSocketAddress relayed = client.allocate();
        // A socket bound to loopback cannot send off the host: the kernel refuses the route (EINVAL) at once, so
        // this exercises a failed send without a packet ever leaving the machine.
        InetSocketAddress unroutable = new InetSocketAddress(address("203.0.113.9"), 9);
        DatagramSocket peer = peer();
        InetSocketAddress closedPort = new InetSocketAddress(CLIENT_IP, closedUdpPort());
        client.permit(unroutable, addressOf(peer), closedPort);

        client.sendIndication(unroutable, bytes("nowhere"));
        await(() -> server.metrics().drops(DropReason.SEND_FAILED) == 1, "the failed send to be counted");
        client.sendIndication(closedPort, bytes("port unreachable"));
        client.sendIndication(addressOf(peer), bytes("still here"));
        expectDatagram(peer, bytes("still here")); // the allocation survived
        sendTo(peer, relayed, bytes("and back"));
        assertArrayEquals(bytes("and back"), client.receiveData(TestClient.TIMEOUT_MS));
        assertEquals(1, server.metrics().allocations());
    }

    @Test
    void bandwidthCapDropsTheExcess() throws Exception {
        start(config().maxBitsPerSecond(8 * 100_000));
        TestClient client = udpClient();
        InetSocketAddress relayed = client.allocate();
        DatagramSocket peer = peer();
        client.bind(0x4000, addressOf(peer));
        byte[] payload = new byte[1000];
        for (int i = 0; i < 200; i++) {
            client.sendChannelData(0x4000, payload);
        }
        // 200 kB against a 100 kB/s cap with a 64 kB burst: well over half must go.
        await(() -> server.metrics().drops(DropReason.BANDWIDTH) > 100, "the cap to bite");
        assertTrue(server.metrics().packetsToPeer() >= 60, "the burst passes");
        assertEquals(StunClass.SUCCESS_RESPONSE, client.refresh(600).messageClass(), "signalling is not capped");
        sendTo(peer, relayed, bytes("inbound has its own bucket"));
        assertArrayEquals(bytes("inbound has its own bucket"), client.receiveData(TestClient.TIMEOUT_MS));
    }

    @Test
    void largeDatagramsAreRelayedWhole() throws Exception {
        start(config());
        TestClient client = udpClient();
        InetSocketAddress relayed = client.allocate();
        DatagramSocket peer = peer();
        client.bind(0x4000, addressOf(peer));
        byte[] big = new byte[9000];
        big[8999] = 42;
        sendTo(peer, relayed, big);
        assertArrayEquals(big, client.receiveData(TestClient.TIMEOUT_MS));
        client.sendChannelData(0x4000, big);
        expectDatagram(peer, big);
    }

    private static int closedUdpPort() throws SocketException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(CLIENT_IP, 0))) {
            return probe.getLocalPort();
        }
    }
}
