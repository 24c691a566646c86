package dev.punchline.bench.load;

import dev.punchline.bench.BenchTimings;
import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.ChannelNumber;
import dev.punchline.turn.wire.ErrorCode;
import dev.punchline.turn.wire.Integrity;
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
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Just enough of a TURN client to set up one benchmark session over a socket the generator owns: Allocate (answering
 * the 401 challenge and a 438), then ChannelBind. One request at a time, retransmitted on UDP's RTO; everything runs on
 * the channel's event loop. A stand-in until the project's TurnClient lands on main.
 */
final class TurnSetup {

    private static final int UDP = 17;
    /** A first 401 and then a 438 are normal; more challenges than that mean the credentials are wrong. */
    private static final int AUTH_ROUNDS = 3;
    private static final int TRANSMISSIONS = 4;

    private final Channel channel;
    private final TurnEndpoint server;
    private String realm;
    private String nonce;
    private byte[] key;
    private Transaction pending;

    TurnSetup(Channel channel, TurnEndpoint server) {
        this.channel = channel;
        this.server = server;
    }

    /** The relayed address of a new allocation. */
    CompletableFuture<InetSocketAddress> allocate() {
        return request(StunMethod.ALLOCATE, List.of(new RequestedTransport(UDP)),
                reply -> reply.xorAddress(AttributeType.XOR_RELAYED_ADDRESS).orElseThrow(
                        () -> new IllegalStateException("Allocate success without XOR-RELAYED-ADDRESS")).address());
    }

    /** Binds {@code number} to {@code peer} (which also installs the peer's permission). */
    CompletableFuture<Void> bindChannel(int number, InetSocketAddress peer) {
        return request(StunMethod.CHANNEL_BIND, List.of(new ChannelNumber(number), XorAddress.peer(peer)), reply -> null);
    }

    /** Offers a frame from the server; true when it answered the pending request. */
    boolean onFrame(ByteBuf frame) {
        if (pending == null || !StunMessage.looksLikeStun(frame)) {
            return false;
        }
        StunMessage reply;
        try {
            reply = StunMessage.decode(frame);
        } catch (StunParseException e) {
            return false;
        }
        try {
            if (!reply.transactionId().equals(pending.id)) {
                return false;
            }
            Transaction answered = pending;
            pending = null;
            answered.finish();
            answered.onReply.accept(reply);
            return true;
        } finally {
            reply.release();
        }
    }

    private <T> CompletableFuture<T> request(int method, List<StunAttribute> attributes, Function<StunMessage, T> onSuccess) {
        CompletableFuture<T> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> send(method, attributes, onSuccess, result, AUTH_ROUNDS));
        return result;
    }

    private <T> void send(int method, List<StunAttribute> attributes, Function<StunMessage, T> onSuccess,
                          CompletableFuture<T> result, int authRounds) {
        TransactionId id = TransactionId.random();
        StunMessage.Builder request = StunMessage.builder(method, StunClass.REQUEST, id);
        attributes.forEach(request::add);
        Integrity integrity = Integrity.NONE;
        if (nonce != null) {
            request.add(new Username(server.user())).add(new Realm(realm)).add(new Nonce(nonce));
            integrity = Integrity.sha1(key);
        }
        ByteBuf frame = request.encode(channel.alloc(), integrity, false);
        pending = new Transaction(id, frame, reply -> {
            if (reply.messageClass() == StunClass.SUCCESS_RESPONSE) {
                result.complete(onSuccess.apply(reply));
                return;
            }
            int code = reply.attribute(ErrorCode.class).map(ErrorCode::code).orElse(0);
            if ((code == 401 || code == 438) && authRounds > 0 && takeChallenge(reply)) {
                send(method, attributes, onSuccess, result, authRounds - 1);
            } else {
                result.completeExceptionally(new IllegalStateException(StunMethod.name(method) + " refused by "
                        + server.address() + ": " + reply.attribute(ErrorCode.class).map(e -> e.code() + " " + e.reason())
                        .orElse("error without ERROR-CODE")));
            }
        }, result);
        pending.transmit(BenchTimings.REQUEST_RETRANSMIT.toMillis(), TRANSMISSIONS);
    }

    private boolean takeChallenge(StunMessage reply) {
        var newNonce = reply.attribute(Nonce.class);
        if (newNonce.isEmpty()) {
            return false;
        }
        nonce = newNonce.get().nonce();
        reply.attribute(Realm.class).ifPresent(r -> {
            realm = r.realm();
            key = LongTermKey.md5(server.user(), realm, server.password());
        });
        return realm != null;
    }

    /** One request in flight: its bytes for retransmission and what to do with the answer. */
    private final class Transaction {
        final TransactionId id;
        final ByteBuf frame;
        final Consumer<StunMessage> onReply;
        final CompletableFuture<?> result;
        ScheduledFuture<?> timer;

        Transaction(TransactionId id, ByteBuf frame, Consumer<StunMessage> onReply,
                    CompletableFuture<?> result) {
            this.id = id;
            this.frame = frame;
            this.onReply = onReply;
            this.result = result;
        }

        void transmit(long rtoMillis, int left) {
            if (pending != this) {
                return;
            }
            if (left == 0) {
                pending = null;
                finish();
                result.completeExceptionally(new IllegalStateException("no answer from " + server.address()
                        + " after " + TRANSMISSIONS + " transmissions"));
                return;
            }
            channel.writeAndFlush(frame.retainedDuplicate(), channel.voidPromise());
            timer = channel.eventLoop().schedule(() -> transmit(rtoMillis * 2, left - 1), rtoMillis, TimeUnit.MILLISECONDS);
        }

        void finish() {
            if (timer != null) {
                timer.cancel(false);
            }
            frame.release();
        }
    }
}
