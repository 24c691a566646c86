package dev.punchline.turn.server;

import dev.punchline.turn.server.metrics.DeletionReason;
import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.EvenPort;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.Lifetime;
import dev.punchline.turn.wire.MessageIntegrity;
import dev.punchline.turn.wire.Nonce;
import dev.punchline.turn.wire.Realm;
import dev.punchline.turn.wire.RequestedAddressFamily;
import dev.punchline.turn.wire.RequestedTransport;
import dev.punchline.turn.wire.ReservationToken;
import dev.punchline.turn.wire.Software;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.TransactionId;
import dev.punchline.turn.wire.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocationTest extends ServerFixture {

    @Test
    void bindingReturnsTheClientsAddress() throws Exception {
        start(config());
        TestClient client = udpClient();
        TransactionId id = TransactionId.random();
        StunMessage response = client.request(StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, id), id,
                Integrity.NONE);
        assertEquals(StunClass.SUCCESS_RESPONSE, response.messageClass());
        assertEquals(client.localAddress(), response.xorAddress(AttributeType.XOR_MAPPED_ADDRESS).orElseThrow().address());
        assertTrue(response.verifyFingerprint());
        assertTrue(response.attribute(Software.class).isEmpty(), "unsigned answers carry no SOFTWARE");
    }

    @Test
    void allocateIsChallengedThenGranted() throws Exception {
        start(config());
        TestClient client = udpClient();
        TransactionId id = TransactionId.random();
        StunMessage challenge = client.request(allocate(id), id, Integrity.NONE);
        assertEquals(401, TestClient.errorCode(challenge));
        assertEquals("punchline", challenge.attribute(Realm.class).orElseThrow().realm());
        assertTrue(challenge.attribute(Nonce.class).isPresent());

        StunMessage granted = client.authed(StunMethod.ALLOCATE, new RequestedTransport(17));
        assertEquals(StunClass.SUCCESS_RESPONSE, granted.messageClass());
        assertTrue(granted.verifyIntegrity(client.longTermKey()), "signed with the user's key");
        assertTrue(granted.verifyFingerprint());
        assertEquals("punchline", granted.attribute(Software.class).orElseThrow().description());
        InetSocketAddress relayed = granted.xorAddress(AttributeType.XOR_RELAYED_ADDRESS).orElseThrow().address();
        assertEquals(RELAY_IP, relayed.getAddress());
        assertTrue(relayed.getPort() >= 49152, "from the default range");
        assertEquals(600, granted.attribute(Lifetime.class).orElseThrow().seconds());
        assertEquals(client.localAddress(), granted.xorAddress(AttributeType.XOR_MAPPED_ADDRESS).orElseThrow().address());
        assertEquals(1, server.metrics().allocations());
        assertEquals(0, server.metrics().authFailures(), "a challenge is no failure");
    }

    @Test
    void lifetimeIsCappedAtTheMaximum() throws Exception {
        start(config().maxLifetime(Duration.ofSeconds(900)));
        TestClient client = udpClient();
        StunMessage granted = client.authed(StunMethod.ALLOCATE, new RequestedTransport(17), new Lifetime(100_000));
        assertEquals(900, granted.attribute(Lifetime.class).orElseThrow().seconds());
    }

    @Test
    void wrongPasswordIsRefusedAndCounted() throws Exception {
        start(config());
        TestClient client = udpClient().credentials(USER, "not-the-password");
        StunMessage response = client.authed(StunMethod.ALLOCATE, new RequestedTransport(17));
        assertEquals(401, TestClient.errorCode(response));
        assertFalse(response.hasIntegrity(), "no key to sign with");
        assertEquals(1, server.metrics().authFailures());
        assertEquals(0, server.metrics().allocations());
    }

    @Test
    void staleNonceGets438WithAFreshOne() throws Exception {
        start(config().nonceLifetime(Duration.ofMillis(300)));
        TestClient client = udpClient();
        client.allocate();
        String first = client.nonce();
        Thread.sleep(400);
        TransactionId id = TransactionId.random();
        StunMessage.Builder refresh = StunMessage.builder(StunMethod.REFRESH, StunClass.REQUEST, id)
                .add(new Username(USER)).add(new Realm(client.realm())).add(new Nonce(first));
        StunMessage stale = client.request(refresh, id, Integrity.sha1(client.longTermKey()));
        assertEquals(438, TestClient.errorCode(stale));
        assertNotEquals(first, stale.attribute(Nonce.class).orElseThrow().nonce());
        assertEquals(1, server.metrics().staleNonces());
        assertEquals(0, server.metrics().authFailures(), "a stale nonce is no failure");
        assertEquals(StunClass.SUCCESS_RESPONSE, client.refresh(600).messageClass(), "the client recovers");
    }

    /**
     * What a client sees when the server restarted, or another instance answers behind the same name. The test
     * client follows a 438 but takes a 401 to its signed request as final, so the allocation only succeeds via 438.
     */
    @Test
    void aNonceFromAnotherInstanceGets438AndTheRetryIsGranted() throws Exception {
        start(config());
        TurnServer other = keep(TurnServer.start(config().build()));
        TestClient otherClient = keep(TestClient.udp(other.listeners().get(0).address())).credentials(USER, PASSWORD);
        otherClient.allocate();
        TestClient client = udpClient();
        client.useNonce(otherClient.nonce(), otherClient.realm());

        client.allocate();

        assertNotEquals(otherClient.nonce(), client.nonce(), "retried with this server's nonce");
        assertEquals(1, server.metrics().staleNonces());
        assertEquals(0, server.metrics().authFailures(), "nothing wrong with the credentials");
        assertEquals(1, server.metrics().allocations());
    }

    @Test
    void refreshWithZeroDeletes() throws Exception {
        start(config());
        TestClient client = udpClient();
        client.allocate();
        StunMessage response = client.refresh(0);
        assertEquals(StunClass.SUCCESS_RESPONSE, response.messageClass());
        assertEquals(0, response.attribute(Lifetime.class).orElseThrow().seconds());
        assertEquals(0, server.metrics().allocations());
        assertEquals(1, server.metrics().allocationsDeleted(DeletionReason.REFRESH_0));
        assertEquals(437, TestClient.errorCode(client.refresh(600)), "nothing left to refresh");
    }

    @Test
    void allocationExpiresWithoutRefresh() throws Exception {
        start(config().defaultLifetime(Duration.ofMillis(300)).maxLifetime(Duration.ofMillis(300)));
        TestClient client = udpClient();
        client.allocate();
        assertEquals(1, server.metrics().allocations());
        await(() -> server.metrics().allocations() == 0, "expiry");
        assertEquals(1, server.metrics().allocationsDeleted(DeletionReason.EXPIRED));
        assertEquals(437, TestClient.errorCode(client.permit(new InetSocketAddress(CLIENT_IP, 9))));
    }

    @Test
    void refreshKeepsTheAllocation() throws Exception {
        start(config().defaultLifetime(Duration.ofMillis(600)).maxLifetime(Duration.ofSeconds(5)));
        TestClient client = udpClient();
        client.allocate();
        Thread.sleep(300);
        assertEquals(StunClass.SUCCESS_RESPONSE, client.refresh(5).messageClass());
        Thread.sleep(500);
        assertEquals(1, server.metrics().allocations(), "outlived its first lifetime");
    }

    @Test
    void secondAllocateOnTheSameFiveTupleIs437() throws Exception {
        start(config());
        TestClient client = udpClient();
        client.allocate();
        StunMessage again = client.authed(StunMethod.ALLOCATE, new RequestedTransport(17));
        assertEquals(437, TestClient.errorCode(again));
        assertTrue(again.verifyIntegrity(client.longTermKey()));
    }

    @Test
    void retransmittedAllocateGetsTheSameAnswer() throws Exception {
        start(config());
        TestClient client = udpClient();
        client.authed(StunMethod.REFRESH); // 401 challenge: the client now holds a nonce
        TransactionId id = TransactionId.random();
        StunMessage.Builder request = allocate(id).add(new Username(USER)).add(new Realm(client.realm()))
                .add(new Nonce(client.nonce()));
        StunMessage first = client.request(request, id, Integrity.sha1(client.longTermKey()));
        StunMessage second = client.request(allocate(id).add(new Username(USER)).add(new Realm(client.realm()))
                .add(new Nonce(client.nonce())), id, Integrity.sha1(client.longTermKey()));
        assertEquals(StunClass.SUCCESS_RESPONSE, first.messageClass());
        assertEquals(StunClass.SUCCESS_RESPONSE, second.messageClass(), "not 437");
        assertEquals(first.xorAddress(AttributeType.XOR_RELAYED_ADDRESS), second.xorAddress(AttributeType.XOR_RELAYED_ADDRESS));
        assertEquals(1, server.metrics().allocationsCreated());
    }

    @Test
    void onlyUdpRelaysAreOffered() throws Exception {
        start(config());
        TestClient client = udpClient();
        assertEquals(442, TestClient.errorCode(client.authed(StunMethod.ALLOCATE, new RequestedTransport(6))));
        assertEquals(400, TestClient.errorCode(client.authed(StunMethod.ALLOCATE)), "REQUESTED-TRANSPORT missing");
    }

    @Test
    void ipv6RelayWithoutAnIpv6RelayAddressIs440() throws Exception {
        start(config());
        TestClient client = udpClient();
        StunMessage response = client.authed(StunMethod.ALLOCATE, new RequestedTransport(17),
                new RequestedAddressFamily(2));
        assertEquals(440, TestClient.errorCode(response));
    }

    @Test
    void userQuotaGives486() throws Exception {
        start(config().userQuota(2));
        udpClient().allocate();
        udpClient().allocate();
        TestClient third = udpClient();
        assertEquals(486, TestClient.errorCode(third.authed(StunMethod.ALLOCATE, new RequestedTransport(17))));
        assertEquals(1, server.metrics().quotaRefusals());
    }

    @Test
    void totalCapAndPortExhaustionGive508() throws Exception {
        start(config().maxAllocations(1));
        udpClient().allocate();
        assertEquals(508, TestClient.errorCode(udpClient().authed(StunMethod.ALLOCATE, new RequestedTransport(17))));
        server.close();

        int port = freeUdpPort();
        start(config().portRange(port, port));
        udpClient().allocate();
        assertEquals(508, TestClient.errorCode(udpClient().authed(StunMethod.ALLOCATE, new RequestedTransport(17))));
    }

    /** The token alone names the family: its Allocate may not carry REQUESTED-ADDRESS-FAMILY (coturn's uclient -x). */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void evenPortWithReservationHandsTheNextPortToTheToken(int family) throws Exception {
        start(config().relayIp(address("::1")));
        TestClient first = udpClient();
        StunMessage granted = first.authed(StunMethod.ALLOCATE, new RequestedTransport(17),
                new RequestedAddressFamily(family), new EvenPort(true));
        InetSocketAddress relayed = granted.xorAddress(AttributeType.XOR_RELAYED_ADDRESS).orElseThrow().address();
        int port = relayed.getPort();
        assertEquals(0, port % 2);
        byte[] token = granted.attribute(ReservationToken.class).orElseThrow().token();

        InetSocketAddress second = udpClient().allocate(new ReservationToken(token));
        assertEquals(new InetSocketAddress(relayed.getAddress(), port + 1), second);
        assertEquals(508, TestClient.errorCode(udpClient().authed(StunMethod.ALLOCATE, new RequestedTransport(17),
                new ReservationToken(token))), "a token is good once");
        assertEquals(400, TestClient.errorCode(udpClient().authed(StunMethod.ALLOCATE, new RequestedTransport(17),
                new ReservationToken(token), new EvenPort(false))));
    }

    @Test
    void responsesToAnotherUsersAllocationAre441() throws Exception {
        start(config().user("bob", "builder"));
        TestClient client = udpClient();
        client.allocate();
        client.credentials("bob", "builder");
        assertEquals(441, TestClient.errorCode(client.refresh(600)));
    }

    @Test
    void requestsWithoutIntegrityOnAllocationsAreChallenged() throws Exception {
        start(config());
        TestClient client = udpClient();
        client.allocate();
        TransactionId id = TransactionId.random();
        StunMessage response = client.request(StunMessage.builder(StunMethod.REFRESH, StunClass.REQUEST, id)
                .add(new Lifetime(0)), id, Integrity.NONE);
        assertEquals(401, TestClient.errorCode(response));
        assertFalse(response.attribute(MessageIntegrity.class).isPresent());
        assertEquals(1, server.metrics().allocations(), "an unsigned Refresh deletes nothing");
    }

    @Test
    void restApiCredentialsWorkBesideStaticUsers() throws Exception {
        start(config().authSecret("shared-secret"));
        String fresh = (System.currentTimeMillis() / 1000 + 3600) + ":bob";
        udpClient().credentials(fresh, restPassword("shared-secret", fresh)).allocate();
        udpClient().allocate();
        String expired = (System.currentTimeMillis() / 1000 - 10) + ":bob";
        StunMessage refused = udpClient().credentials(expired, restPassword("shared-secret", expired))
                .authed(StunMethod.ALLOCATE, new RequestedTransport(17));
        assertEquals(401, TestClient.errorCode(refused));
        assertEquals(2, server.metrics().allocations());
    }

    @Test
    void ipv6RelayWhenAnIpv6RelayAddressIsConfigured() throws Exception {
        start(config().relayIp(address("::1")).allowPeer("::1/128"));
        TestClient client = udpClient();
        StunMessage granted = client.authed(StunMethod.ALLOCATE, new RequestedTransport(17),
                new RequestedAddressFamily(2));
        InetSocketAddress relayed = granted.xorAddress(AttributeType.XOR_RELAYED_ADDRESS).orElseThrow().address();
        assertEquals(address("::1"), relayed.getAddress());
        DatagramSocket peer = keep(new DatagramSocket(new InetSocketAddress(address("::1"), 0)));
        assertEquals(StunClass.SUCCESS_RESPONSE, client.bind(0x4000, addressOf(peer)).messageClass());
        assertEquals(443, TestClient.errorCode(client.permit(new InetSocketAddress(CLIENT_IP, 5000))));
        client.sendChannelData(0x4000, new byte[]{1, 2, 3});
        DatagramPacket received = receive(peer, TestClient.TIMEOUT_MS);
        assertEquals(relayed, received.getSocketAddress());
        assertEquals(443, TestClient.errorCode(client.authed(StunMethod.REFRESH, new RequestedAddressFamily(1))));
    }

    private static String restPassword(String secret, String username) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }

    static StunMessage.Builder allocate(TransactionId id) {
        return StunMessage.builder(StunMethod.ALLOCATE, StunClass.REQUEST, id).add(new RequestedTransport(17));
    }

    static int freeUdpPort() throws SocketException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(RELAY_IP, 0))) {
            return probe.getLocalPort();
        }
    }
}
