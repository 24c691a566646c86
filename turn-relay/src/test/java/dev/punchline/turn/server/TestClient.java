package dev.punchline.turn.server;

import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.ChannelData;
import dev.punchline.turn.wire.ChannelNumber;
import dev.punchline.turn.wire.Data;
import dev.punchline.turn.wire.ErrorCode;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.Lifetime;
import dev.punchline.turn.wire.LongTermKey;
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
import dev.punchline.turn.wire.XorAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deliberately small TURN client for the server's tests: it sends codec-built messages over a plain socket and
 * reads whole frames back. Blocking and single-threaded, so each test reads as the exchange it checks.
 */
final class TestClient implements AutoCloseable {

    static final int TIMEOUT_MS = 3000;

    private final DatagramSocket udp;
    private final Socket stream;
    private final InetSocketAddress server;
    private final List<byte[]> unread = new ArrayList<>();
    private String username;
    private String password;
    private String realm;
    private String nonce;
    private byte[] key;

    private TestClient(DatagramSocket udp, Socket stream, InetSocketAddress server) {
        this.udp = udp;
        this.stream = stream;
        this.server = server;
    }

    static TestClient udp(InetSocketAddress server) throws IOException {
        return udp(new DatagramSocket(new InetSocketAddress(server.getAddress(), 0)), server);
    }

    /** Over a socket of the caller's, which several clients may share to talk to several server addresses. */
    static TestClient udp(DatagramSocket socket, InetSocketAddress server) throws IOException {
        socket.setSoTimeout(TIMEOUT_MS);
        return new TestClient(socket, null, server);
    }

    static TestClient tcp(InetSocketAddress server) throws IOException {
        Socket socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout(TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        return new TestClient(null, socket, server);
    }

    /** TLS trusting any certificate: the tests check the relay, not the PKI. */
    static TestClient tls(InetSocketAddress server) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        Socket socket = context.getSocketFactory().createSocket(server.getAddress(), server.getPort());
        socket.setSoTimeout(TIMEOUT_MS);
        return new TestClient(null, socket, server);
    }

    TestClient credentials(String user, String password) {
        this.username = user;
        this.key = null;
        this.password = password;
        return this;
    }

    InetSocketAddress localAddress() {
        return udp != null
                ? (InetSocketAddress) udp.getLocalSocketAddress()
                : (InetSocketAddress) stream.getLocalSocketAddress();
    }

    boolean isStream() {
        return stream != null;
    }

    /** Sends raw bytes as one datagram, or onto the stream as they are. */
    void sendRaw(byte[] bytes) throws IOException {
        if (udp != null) {
            udp.send(new DatagramPacket(bytes, bytes.length, server));
        } else {
            OutputStream out = stream.getOutputStream();
            out.write(bytes);
            out.flush();
        }
    }

    void send(StunMessage.Builder message, Integrity integrity) throws IOException {
        ByteBuf encoded = message.encode(UnpooledByteBufAllocator.DEFAULT, integrity, true);
        try {
            sendRaw(ByteBufUtil.getBytes(encoded));
        } finally {
            encoded.release();
        }
    }

    /** The next frame from the server, or null after the timeout. */
    byte[] receive(int timeoutMs) throws IOException {
        if (!unread.isEmpty()) {
            return unread.remove(0);
        }
        try {
            if (udp != null) {
                udp.setSoTimeout(timeoutMs);
                byte[] buffer = new byte[65536];
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                if (!server.equals(packet.getSocketAddress())) {
                    // A client drops what comes from elsewhere: the server must answer from the address it was sent to.
                    throw new AssertionError("a datagram from " + packet.getSocketAddress() + ", not " + server);
                }
                return Arrays.copyOf(buffer, packet.getLength());
            }
            stream.setSoTimeout(timeoutMs);
            return readStreamFrame(new DataInputStream(stream.getInputStream()));
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** RFC 8656 §12.5 framing; the padding of ChannelData is checked and dropped. */
    private static byte[] readStreamFrame(DataInputStream in) throws IOException {
        byte[] header = new byte[4];
        in.readFully(header);
        int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        boolean channelData = (header[0] & 0xC0) == 0x40;
        int rest = channelData ? length : 16 + length;
        byte[] frame = new byte[4 + rest];
        System.arraycopy(header, 0, frame, 0, 4);
        in.readFully(frame, 4, rest);
        if (channelData) {
            int padding = (4 - length % 4) % 4;
            in.readFully(new byte[padding]);
        }
        return frame;
    }

    /** Sends a request and returns the response with the same transaction id; other frames are kept for later. */
    StunMessage request(StunMessage.Builder message, TransactionId id, Integrity integrity) throws Exception {
        send(message, integrity);
        return awaitResponse(id);
    }

    StunMessage awaitResponse(TransactionId id) throws Exception {
        List<byte[]> skipped = new ArrayList<>();
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        try {
            while (System.currentTimeMillis() < deadline) {
                byte[] frame = receive((int) Math.max(1, deadline - System.currentTimeMillis()));
                if (frame == null) {
                    break;
                }
                StunMessage message = decodeOrNull(frame);
                if (message != null && message.transactionId().equals(id)
                        && message.messageClass() != StunClass.INDICATION) {
                    return message;
                }
                skipped.add(frame);
            }
            throw new AssertionError("no response to " + id);
        } finally {
            unread.addAll(skipped);
        }
    }

    static StunMessage decodeOrNull(byte[] frame) {
        if (ChannelData.looksLikeChannelData(Unpooled.wrappedBuffer(frame))) {
            return null;
        }
        try {
            return StunMessage.decode(Unpooled.wrappedBuffer(frame));
        } catch (StunParseException e) {
            return null;
        }
    }

    /**
     * Sends a long-term-credential request, answering the 401 challenge (and one 438) as a client would; returns
     * the final response.
     */
    StunMessage authed(int method, StunAttribute... attributes) throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            TransactionId id = TransactionId.random();
            StunMessage.Builder builder = StunMessage.builder(method, StunClass.REQUEST, id);
            for (StunAttribute attribute : attributes) {
                builder.add(attribute);
            }
            Integrity integrity = Integrity.NONE;
            if (nonce != null) {
                builder.add(new Username(username)).add(new Realm(realm)).add(new Nonce(nonce));
                integrity = Integrity.sha1(key());
            }
            StunMessage response = request(builder, id, integrity);
            int code = errorCode(response);
            if ((code == 401 && nonce == null) || code == 438) {
                realm = response.attribute(Realm.class).orElseThrow().realm();
                nonce = response.attribute(Nonce.class).orElseThrow().nonce();
                key = null;
                continue;
            }
            return response;
        }
        throw new AssertionError("still challenged after three attempts");
    }

    private byte[] key() {
        if (key == null) {
            key = LongTermKey.md5(username, realm, password);
        }
        return key;
    }

    byte[] longTermKey() {
        return key();
    }

    String nonce() {
        return nonce;
    }

    String realm() {
        return realm;
    }

    /** Pretends the server's nonce was another, e.g. an expired one. */
    void useNonce(String forcedNonce, String forcedRealm) {
        this.nonce = forcedNonce;
        this.realm = forcedRealm;
    }

    static int errorCode(StunMessage response) {
        return response.attribute(ErrorCode.class).map(ErrorCode::code).orElse(0);
    }

    /** Allocates a UDP relay and returns the XOR-RELAYED-ADDRESS; fails the test otherwise. */
    InetSocketAddress allocate(StunAttribute... extra) throws Exception {
        List<StunAttribute> attributes = new ArrayList<>(List.of(new RequestedTransport(17)));
        attributes.addAll(List.of(extra));
        StunMessage response = authed(StunMethod.ALLOCATE, attributes.toArray(StunAttribute[]::new));
        if (response.messageClass() != StunClass.SUCCESS_RESPONSE) {
            throw new AssertionError("Allocate failed: " + errorCode(response));
        }
        return response.xorAddress(AttributeType.XOR_RELAYED_ADDRESS).orElseThrow().address();
    }

    StunMessage permit(InetSocketAddress... peers) throws Exception {
        StunAttribute[] attributes = Arrays.stream(peers).map(XorAddress::peer).toArray(StunAttribute[]::new);
        return authed(StunMethod.CREATE_PERMISSION, attributes);
    }

    StunMessage bind(int channel, InetSocketAddress peer) throws Exception {
        return authed(StunMethod.CHANNEL_BIND, new ChannelNumber(channel), XorAddress.peer(peer));
    }

    StunMessage refresh(long seconds) throws Exception {
        return authed(StunMethod.REFRESH, new Lifetime(seconds));
    }

    void sendIndication(InetSocketAddress peer, byte[] payload) throws IOException {
        send(StunMessage.builder(StunMethod.SEND, StunClass.INDICATION, TransactionId.random())
                .add(XorAddress.peer(peer)).add(new Data(Unpooled.wrappedBuffer(payload))), Integrity.NONE);
    }

    void sendChannelData(int channel, byte[] payload) throws IOException {
        ByteBuf out = Unpooled.buffer();
        ChannelData.encode(out, channel, Unpooled.wrappedBuffer(payload), isStream());
        sendRaw(ByteBufUtil.getBytes(out));
    }

    /** The next Data indication or ChannelData frame, or null after the timeout. */
    byte[] receiveData(int timeoutMs) throws IOException {
        byte[] frame = receive(timeoutMs);
        if (frame == null) {
            return null;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        if (ChannelData.looksLikeChannelData(buf)) {
            return Arrays.copyOfRange(frame, 4, 4 + buf.getUnsignedShort(2));
        }
        StunMessage message = decodeOrNull(frame);
        if (message == null || message.method() != StunMethod.DATA) {
            throw new AssertionError("expected data, got " + message);
        }
        return ByteBufUtil.getBytes(message.attribute(Data.class).orElseThrow().payload());
    }

    /** The raw next frame, to look at its framing. */
    byte[] receiveFrame(int timeoutMs) throws IOException {
        return receive(timeoutMs);
    }

    static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public void close() throws IOException {
        if (udp != null) {
            udp.close();
        } else {
            stream.close();
        }
    }
}
