package dev.punchline.bench.load;

import dev.punchline.turn.client.TurnClient;
import dev.punchline.turn.wire.ChannelData;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.concurrent.CompletableFuture;

/**
 * One benchmark session: a client socket, and the peer socket its traffic comes back from. Through a relay, the
 * client's socket holds one allocation (made by the project's TURN client) whose channel is bound to the peer; in the
 * direct baseline the two sockets talk straight to each other. Loop-confined after setup: the loop that owns both
 * sockets drives it.
 */
final class Session {

    private final LoopShare share;
    private Channel client;
    private Channel peer;
    private TurnClient turn;
    private ProbeFrame frame;
    private long nextSequence;
    private long highestSeen = -1;

    /** {@code share} is null for idle sessions, which never carry traffic. */
    Session(LoopShare share) {
        this.share = share;
    }

    void attach(Channel client, Channel peer, TurnClient turn) {
        this.client = client;
        this.peer = peer;
        this.turn = turn;
    }

    /** What to send once set up: frames of {@code channel} with {@code payloadBytes} of payload. */
    void frames(int channel, int payloadBytes) {
        frame = new ProbeFrame(channel, payloadBytes);
    }

    /** Writes {@code count} stamped frames and flushes them (one sendmmsg where the transport has it). */
    void send(int step, int count) {
        for (int i = 0; i < count; i++) {
            client.write(frame.stamp(client.alloc(), step, nextSequence++), client.voidPromise());
        }
        client.flush();
    }

    /** A frame the client socket received: an echo of ours (kept off the TURN client's path), or for the client. */
    void onClientFrame(ByteBuf received) {
        if (share != null && ChannelData.looksLikeChannelData(received)) {
            share.onEcho(this, received);
        } else if (turn != null) {
            turn.receive(received);
        }
    }

    /** False when the sequence number is not higher than every one seen before: the frame was overtaken. */
    boolean inOrder(long sequence) {
        if (sequence <= highestSeen) {
            return false;
        }
        highestSeen = sequence;
        return true;
    }

    /** Deletes the allocation, if any (Refresh with lifetime 0); completes when the relay answered or gave up. */
    CompletableFuture<Void> release() {
        return turn == null ? CompletableFuture.completedFuture(null)
                : turn.closeAsync().exceptionally(failure -> null);
    }

    void close() {
        if (client != null) {
            client.close();
        }
        if (peer != null) {
            peer.close();
        }
    }
}
