package dev.punchline.turn.client;

import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.ErrorCode;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.Lifetime;
import dev.punchline.turn.wire.LongTermKey;
import dev.punchline.turn.wire.Nonce;
import dev.punchline.turn.wire.Realm;
import dev.punchline.turn.wire.StunAttribute;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunParseException;
import dev.punchline.turn.wire.Username;
import dev.punchline.turn.wire.XorAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A UDP "TURN server" that answers as a test scripts it, for the answers real servers do not give on
 * demand. It challenges unsigned requests itself (realm {@link #REALM}, nonce {@link #NONCE}); signed ones
 * go to the script, which may answer or stay silent.
 */
final class ScriptedTurnServer implements AutoCloseable {
    static final String REALM = "scripted";
    static final String NONCE = "nonce-1";
    static final String USER = "bob";
    static final String PASSWORD = "builder";
    static final InetSocketAddress RELAYED = new InetSocketAddress(TestAddresses.of("127.0.0.7"), 50_000);

    /** A request as the script sees it. */
    record Request(int method, List<StunAttribute> attributes, long nanos, ScriptedTurnServer server,
                   StunMessage message) {

        <T extends StunAttribute> Optional<T> attribute(Class<T> type) {
            return attributes.stream().filter(type::isInstance).map(type::cast).findFirst();
        }

        boolean signed() {
            return attribute(Username.class).isPresent();
        }

        /** A success response signed with the user's key, as a real server's would be. */
        ByteBuf success(StunAttribute... attributes) {
            return answer(StunClass.SUCCESS_RESPONSE, true, attributes);
        }

        /** A success response anyone on the path could have forged: no MESSAGE-INTEGRITY. */
        ByteBuf unsignedSuccess(StunAttribute... attributes) {
            return answer(StunClass.SUCCESS_RESPONSE, false, attributes);
        }

        ByteBuf error(int code, String reason, StunAttribute... attributes) {
            List<StunAttribute> all = new ArrayList<>(List.of(new ErrorCode(code, reason)));
            all.addAll(List.of(attributes));
            return answer(StunClass.ERROR_RESPONSE, true, all.toArray(StunAttribute[]::new));
        }

        /** The usual Allocate success: {@link #RELAYED}, the client's mapped address, {@code seconds} of lifetime. */
        ByteBuf allocated(long seconds) {
            return success(XorAddress.relayed(RELAYED), XorAddress.mapped(server.client), new Lifetime(seconds));
        }

        private ByteBuf answer(StunClass cls, boolean signed, StunAttribute... attributes) {
            StunMessage.Builder b = StunMessage.builder(method, cls, message.transactionId());
            for (StunAttribute a : attributes) {
                b.add(a);
            }
            return b.encode(ByteBufAllocator.DEFAULT, signed ? Integrity.sha1(KEY) : Integrity.NONE, true);
        }
    }

    @FunctionalInterface
    interface Script {
        /** The answer to a signed request, or null to stay silent. */
        ByteBuf answer(Request request);
    }

    private static final byte[] KEY = LongTermKey.md5(USER, REALM, PASSWORD);

    private final DatagramSocket socket;
    private final Script script;
    private final boolean challenges;
    private final List<Request> requests = new ArrayList<>();
    private final Thread thread;
    private volatile InetSocketAddress client;

    ScriptedTurnServer(Script script) throws IOException {
        this(script, true);
    }

    private ScriptedTurnServer(Script script, boolean challenges) throws IOException {
        this.script = script;
        this.challenges = challenges;
        socket = new DatagramSocket(new InetSocketAddress(TestAddresses.LOOPBACK, 0));
        thread = DatagramLoop.start(socket, "scripted-turn-server", this::answer);
    }

    /** A server that never answers anything, not even the first, unsigned request. */
    static ScriptedTurnServer silent() throws IOException {
        return new ScriptedTurnServer(request -> null, false);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    TurnClientConfig.Builder clientConfig() {
        return TurnClientConfig.builder(address()).credentials(USER, PASSWORD);
    }

    /** Every request received, signed or not, in order. */
    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Request> requests(int method) {
        return requests.stream().filter(r -> r.method() == method).toList();
    }

    private void answer(DatagramPacket packet) throws IOException {
        long arrived = System.nanoTime();
        client = (InetSocketAddress) packet.getSocketAddress();
        ByteBuf answer = handle(Unpooled.copiedBuffer(packet.getData(), 0, packet.getLength()), arrived);
        if (answer != null) {
            byte[] bytes = ByteBufUtil.getBytes(answer);
            answer.release();
            socket.send(new DatagramPacket(bytes, bytes.length, client));
        }
    }

    private ByteBuf handle(ByteBuf datagram, long arrived) {
        StunMessage message;
        try {
            message = StunMessage.decode(datagram);
        } catch (StunParseException e) {
            return null;
        } finally {
            datagram.release();
        }
        try {
            if (message.messageClass() != StunClass.REQUEST) {
                return null;
            }
            Request request = new Request(message.method(), message.attributes(), arrived, this, message);
            synchronized (this) {
                requests.add(request);
            }
            if (challenges && !request.signed()) {
                return request.answer(StunClass.ERROR_RESPONSE, false, new ErrorCode(401, "Unauthorized"),
                        new Realm(REALM), new Nonce(NONCE));
            }
            return script.answer(request);
        } finally {
            message.release();
        }
    }

    static boolean hasAttribute(Request request, int type) {
        return request.attributes().stream().anyMatch(a -> a.type() == type);
    }

    static boolean asksForDontFragment(Request request) {
        return hasAttribute(request, AttributeType.DONT_FRAGMENT);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2_000);
    }
}
