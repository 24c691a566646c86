package dev.punchline.turn.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.turn.wire.ErrorCode;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.LongTermKey;
import dev.punchline.turn.wire.MessageIntegrity;
import dev.punchline.turn.wire.MessageIntegritySha256;
import dev.punchline.turn.wire.Nonce;
import dev.punchline.turn.wire.Realm;
import dev.punchline.turn.wire.RequestedTransport;
import dev.punchline.turn.wire.StunAttribute;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.StunParseException;
import dev.punchline.turn.wire.TransactionId;
import dev.punchline.turn.wire.Username;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server side of long-term credentials, driven the way a TURN client drives it: requests and
 * answers go through the wire codec as bytes, the client computes its key on its own, and it
 * checks the integrity of what the server signs.
 */
class AuthenticatorTest {

    private static final String REALM = "test.local";
    private static final String SECRET = "S";
    private static final String OLD_SECRET = "S-before-rotation";
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final Duration NONCE_LIFETIME = Duration.ofSeconds(600);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("198.51.100.20", 40000);

    private final TestClock clock = new TestClock(NOW);
    private final NonceManager nonces = new NonceManager(NONCE_LIFETIME, clock);
    private final Authenticator authenticator = new Authenticator(REALM, new CompositeCredentials(List.of(
            new StaticCredentials(REALM, Map.of("alice", "pw")),
            new RestSecretCredentials(REALM, List.of(SECRET, OLD_SECRET), clock))), nonces);
    private final List<StunMessage> decoded = new ArrayList<>();

    @AfterEach
    void releaseMessages() {
        decoded.forEach(StunMessage::release);
    }

    @Test
    void aRequestWithoutIntegrityIsChallengedWithRealmAndNonce() throws Exception {
        StunMessage request = request(List.of(), Integrity.NONE);
        AuthOutcome.Rejected rejected = rejected(authenticator.authenticate(request, CLIENT));
        assertEquals(401, rejected.errorCode());
        assertFalse(rejected.authFailure(), "the challenge is not a failure");

        StunMessage answer = answer(rejected, request);
        assertEquals(StunClass.ERROR_RESPONSE, answer.messageClass());
        assertEquals(StunMethod.ALLOCATE, answer.method());
        assertEquals(request.transactionId(), answer.transactionId());
        assertEquals(401, answer.attribute(ErrorCode.class).orElseThrow().code());
        assertEquals(REALM, answer.attribute(Realm.class).orElseThrow().realm());
        assertEquals(NonceManager.Status.VALID,
                nonces.check(answer.attribute(Nonce.class).orElseThrow().nonce(), CLIENT.getAddress()));
        assertFalse(answer.hasIntegrity());
    }

    @Test
    void aStaticUserIsAcceptedAndCanCheckTheSignedResponse() throws Exception {
        byte[] clientKey = LongTermKey.md5("alice", REALM, "pw");
        AuthOutcome.Accepted accepted = accepted(authenticator.authenticate(signed("alice", challengeNonce(), clientKey), CLIENT));
        assertEquals("alice", accepted.username());
        assertEquals("Accepted[alice]", accepted.toString());

        StunMessage response = decode(StunMessage.builder(StunMethod.ALLOCATE, StunClass.SUCCESS_RESPONSE,
                TransactionId.random()).encode(ByteBufAllocator.DEFAULT, accepted.responseIntegrity(), true));
        assertTrue(response.attribute(MessageIntegrity.class).isPresent());
        assertTrue(response.verifyIntegrity(clientKey));
    }

    @Test
    void aRestCredentialComputedAsCoturnDocumentsItIsAccepted() throws Exception {
        String username = (NOW.getEpochSecond() + 3600) + ":alice";
        String password = CoturnRestPassword.of(SECRET, username);
        byte[] clientKey = LongTermKey.md5(username, REALM, password);
        AuthOutcome.Accepted accepted = accepted(authenticator.authenticate(signed(username, challengeNonce(), clientKey), CLIENT));
        assertEquals(username, accepted.username());
    }

    @Test
    void aRestCredentialFromTheSecretBeingRotatedOutIsStillAccepted() throws Exception {
        String username = (NOW.getEpochSecond() + 3600) + ":alice";
        byte[] clientKey = LongTermKey.md5(username, REALM, CoturnRestPassword.of(OLD_SECRET, username));
        accepted(authenticator.authenticate(signed(username, challengeNonce(), clientKey), CLIENT));
    }

    @Test
    void aRestCredentialFromAnUnknownSecretIsAnAuthFailure() throws Exception {
        String username = (NOW.getEpochSecond() + 3600) + ":alice";
        byte[] clientKey = LongTermKey.md5(username, REALM, CoturnRestPassword.of("guessed", username));
        AuthOutcome.Rejected rejected = rejected(authenticator.authenticate(signed(username, challengeNonce(), clientKey), CLIENT));
        assertUnauthenticatedWithFreshNonce(rejected);
    }

    @Test
    void anExpiredRestCredentialIsRefusedSayingSo() throws Exception {
        String username = (NOW.getEpochSecond() + 60) + ":alice";
        byte[] clientKey = LongTermKey.md5(username, REALM, CoturnRestPassword.of(SECRET, username));
        accepted(authenticator.authenticate(signed(username, challengeNonce(), clientKey), CLIENT));

        clock.advance(Duration.ofSeconds(60));
        AuthOutcome.Rejected rejected = rejected(authenticator.authenticate(signed(username, challengeNonce(), clientKey), CLIENT));
        assertUnauthenticatedWithFreshNonce(rejected);
        assertTrue(rejected.detail().contains("expired"), rejected.detail());
    }

    @Test
    void aWrongPasswordIsAnAuthFailure() throws Exception {
        byte[] wrongKey = LongTermKey.md5("alice", REALM, "not-pw");
        AuthOutcome.Rejected rejected = rejected(authenticator.authenticate(signed("alice", challengeNonce(), wrongKey), CLIENT));
        assertUnauthenticatedWithFreshNonce(rejected);
        assertTrue(rejected.detail().contains("wrong password"), rejected.detail());
        assertFalse(rejected.detail().contains("not-pw"));
    }

    @Test
    void anUnknownUserIsAnAuthFailure() throws Exception {
        byte[] key = LongTermKey.md5("mallory", REALM, "pw");
        assertUnauthenticatedWithFreshNonce(rejected(authenticator.authenticate(signed("mallory", challengeNonce(), key), CLIENT)));
    }

    @Test
    void anotherRealmIsAnAuthFailureAnsweredWithThisRealm() throws Exception {
        byte[] key = LongTermKey.md5("alice", "elsewhere", "pw");
        StunMessage request = request(List.of(new Username("alice"), new Realm("elsewhere"), new Nonce(challengeNonce())),
                Integrity.sha1(key));
        AuthOutcome.Rejected rejected = rejected(authenticator.authenticate(request, CLIENT));
        assertUnauthenticatedWithFreshNonce(rejected);
        assertEquals(REALM, answer(rejected, request).attribute(Realm.class).orElseThrow().realm());
    }

    @Test
    void aStaleNonceGets438WithAFreshNonceThatThenWorks() throws Exception {
        String old = challengeNonce();
        clock.advance(NONCE_LIFETIME);
        assertEquals("nonce expired", staleThenAccepted(old, CLIENT).detail());
    }

    @Test
    void aNonceFromBeforeARestartOrFromAnotherInstanceGets438WithAFreshNonceThatThenWorks() throws Exception {
        NonceManager otherInstance = new NonceManager(NONCE_LIFETIME, clock);
        String detail = staleThenAccepted(otherInstance.issue(CLIENT.getAddress()), CLIENT).detail();
        assertTrue(detail.contains("not signed by this instance"), detail);
    }

    @Test
    void aNonceIssuedToTheClientsPreviousAddressGets438() throws Exception {
        InetSocketAddress moved = new InetSocketAddress("198.51.100.99", 40000);
        staleThenAccepted(challengeNonce(), moved);
    }

    @Test
    void aTamperedNonceGets438ButWrongCredentialsWithTheFreshOneStillFail() throws Exception {
        String nonce = challengeNonce();
        String tampered = nonce.substring(0, nonce.length() - 1) + (nonce.endsWith("A") ? "B" : "A");
        byte[] wrongKey = LongTermKey.md5("alice", REALM, "guessed");
        StunMessage request = signed("alice", tampered, wrongKey);
        AuthOutcome.Rejected stale = rejected(authenticator.authenticate(request, CLIENT));
        assertEquals(438, stale.errorCode());
        String fresh = answer(stale, request).attribute(Nonce.class).orElseThrow().nonce();

        assertUnauthenticatedWithFreshNonce(rejected(authenticator.authenticate(signed("alice", fresh, wrongKey), CLIENT)));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"x", "0123456789abcdef", "019e0a1b2c3dAAAAAAAAAAAAAAAAAAAAA="})
    void aNonceThisServerNeverIssuesIsAnAuthFailure(String nonce) throws Exception {
        byte[] clientKey = LongTermKey.md5("alice", REALM, "pw");
        AuthOutcome.Rejected rejected = rejected(authenticator.authenticate(signed("alice", nonce, clientKey), CLIENT));
        assertUnauthenticatedWithFreshNonce(rejected);
    }

    @Test
    void theSameNonceServesAnotherPortOfTheSameClient() throws Exception {
        byte[] clientKey = LongTermKey.md5("alice", REALM, "pw");
        InetSocketAddress rebound = new InetSocketAddress(CLIENT.getAddress(), 40001);
        accepted(authenticator.authenticate(signed("alice", challengeNonce(), clientKey), rebound));
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"USERNAME", "REALM", "NONCE"})
    void integrityWithoutUsernameRealmOrNonceIsABadRequest(String missing) throws Exception {
        List<StunAttribute> attributes = new ArrayList<>();
        if (!missing.equals("USERNAME")) {
            attributes.add(new Username("alice"));
        }
        if (!missing.equals("REALM")) {
            attributes.add(new Realm(REALM));
        }
        if (!missing.equals("NONCE")) {
            attributes.add(new Nonce(challengeNonce()));
        }
        StunMessage request = request(attributes, Integrity.sha1(LongTermKey.md5("alice", REALM, "pw")));
        AuthOutcome.Rejected rejected = rejected(authenticator.authenticate(request, CLIENT));
        assertEquals(400, rejected.errorCode());
        assertTrue(rejected.detail().endsWith("no " + missing), rejected.detail());
        StunMessage answer = answer(rejected, request);
        assertFalse(answer.attribute(Nonce.class).isPresent());
        assertFalse(answer.attribute(Realm.class).isPresent());
    }

    @Test
    void messageIntegritySha256IsAcceptedAndAnsweredInKind() throws Exception {
        byte[] clientKey = LongTermKey.md5("alice", REALM, "pw");
        StunMessage request = request(List.of(new Username("alice"), new Realm(REALM), new Nonce(challengeNonce())),
                Integrity.sha256(clientKey));
        AuthOutcome.Accepted accepted = accepted(authenticator.authenticate(request, CLIENT));

        StunMessage response = decode(StunMessage.builder(StunMethod.ALLOCATE, StunClass.SUCCESS_RESPONSE,
                request.transactionId()).encode(ByteBufAllocator.DEFAULT, accepted.responseIntegrity(), false));
        assertTrue(response.attribute(MessageIntegritySha256.class).isPresent());
        assertFalse(response.attribute(MessageIntegrity.class).isPresent());
        assertTrue(response.verifyIntegrity(clientKey));
    }

    @Test
    void aWrongSha256IntegrityIsAnAuthFailure() throws Exception {
        StunMessage request = request(List.of(new Username("alice"), new Realm(REALM), new Nonce(challengeNonce())),
                Integrity.sha256(LongTermKey.md5("alice", REALM, "nope")));
        assertUnauthenticatedWithFreshNonce(rejected(authenticator.authenticate(request, CLIENT)));
    }

    @Test
    void staticAndRestUsersWorkThroughOneAuthenticator() throws Exception {
        accepted(authenticator.authenticate(signed("alice", challengeNonce(), LongTermKey.md5("alice", REALM, "pw")), CLIENT));
        String rest = (NOW.getEpochSecond() + 3600) + ":bob";
        byte[] restKey = LongTermKey.md5(rest, REALM, CoturnRestPassword.of(SECRET, rest));
        assertEquals(rest, accepted(authenticator.authenticate(signed(rest, challengeNonce(), restKey), CLIENT)).username());
    }

    /**
     * Sends {@code oldNonce} with the right key from {@code client}: answered 438 Stale Nonce with REALM and a fresh
     * nonce, no authentication failure, and the fresh nonce is then accepted. Returns the 438.
     */
    private AuthOutcome.Rejected staleThenAccepted(String oldNonce, InetSocketAddress client) throws Exception {
        byte[] clientKey = LongTermKey.md5("alice", REALM, "pw");
        StunMessage request = signed("alice", oldNonce, clientKey);
        AuthOutcome.Rejected rejected = rejected(authenticator.authenticate(request, client));
        assertEquals(438, rejected.errorCode());
        assertFalse(rejected.authFailure(), "a nonce no longer valid says nothing about the credentials");
        StunMessage answer = answer(rejected, request);
        assertEquals(new ErrorCode(438, "Stale Nonce"), answer.attribute(ErrorCode.class).orElseThrow());
        assertEquals(REALM, answer.attribute(Realm.class).orElseThrow().realm());
        String fresh = answer.attribute(Nonce.class).orElseThrow().nonce();
        assertNotEquals(oldNonce, fresh);

        accepted(authenticator.authenticate(signed("alice", fresh, clientKey), client));
        return rejected;
    }

    private void assertUnauthenticatedWithFreshNonce(AuthOutcome.Rejected rejected) {
        assertEquals(401, rejected.errorCode());
        assertEquals("Unauthenticated", rejected.reasonPhrase());
        assertTrue(rejected.authFailure());
        assertTrue(rejected.attributes().contains(new Realm(REALM)));
        Nonce nonce = rejected.attributes().stream().filter(Nonce.class::isInstance).map(Nonce.class::cast)
                .findFirst().orElseThrow();
        assertEquals(NonceManager.Status.VALID, nonces.check(nonce.nonce(), CLIENT.getAddress()));
    }

    /** What a client does first: an unauthenticated request, and the NONCE from the 401. */
    private String challengeNonce() throws StunParseException {
        StunMessage request = request(List.of(), Integrity.NONE);
        return answer(rejected(authenticator.authenticate(request, CLIENT)), request)
                .attribute(Nonce.class).orElseThrow().nonce();
    }

    private StunMessage signed(String username, String nonce, byte[] key) throws StunParseException {
        return request(List.of(new Username(username), new Realm(REALM), new Nonce(nonce)), Integrity.sha1(key));
    }

    private StunMessage request(List<StunAttribute> attributes, Integrity integrity) throws StunParseException {
        StunMessage.Builder builder = StunMessage.builder(StunMethod.ALLOCATE, StunClass.REQUEST, TransactionId.random())
                .add(new RequestedTransport(17));
        attributes.forEach(builder::add);
        return decode(builder.encode(ByteBufAllocator.DEFAULT, integrity, true));
    }

    private StunMessage answer(AuthOutcome.Rejected rejected, StunMessage request) throws StunParseException {
        return decode(rejected.errorResponse(request).encode(ByteBufAllocator.DEFAULT, Integrity.NONE, true));
    }

    private StunMessage decode(ByteBuf bytes) throws StunParseException {
        try {
            StunMessage message = StunMessage.decode(bytes);
            decoded.add(message);
            return message;
        } finally {
            bytes.release();
        }
    }

    private static AuthOutcome.Accepted accepted(AuthOutcome outcome) {
        return assertInstanceOf(AuthOutcome.Accepted.class, outcome, outcome::toString);
    }

    private static AuthOutcome.Rejected rejected(AuthOutcome outcome) {
        return assertInstanceOf(AuthOutcome.Rejected.class, outcome, outcome::toString);
    }
}
