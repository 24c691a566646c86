package dev.punchline.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * One benchmark session: a client socket, and the peer socket its traffic comes back from. Through a relay, the
 * client's socket holds one allocation whose channel is bound to the peer; in the direct baseline the two sockets
 * talk straight to each other. Loop-confined after setup: the loop that owns both sockets drives it.
 */
final class Session {

    private final LoopShare share;
    private final ProbeFrame frame;
    private Channel client;
    private Channel peer;
    private TurnSetup setup;
    private long nextSequence;
    private long highestSeen = -1;

    /** {@code share} is null for idle sessions, which never carry traffic. */
    Session(LoopShare share, ProbeFrame frame) {
        this.share = share;
        this.frame = frame;
    }

    void attach(Channel client, Channel peer) {
        this.client = client;
        this.peer = peer;
    }

    void setup(TurnSetup setup) {
        this.setup = setup;
    }

    Channel client() {
        return client;
    }

    Channel peer() {
        return peer;
    }

    /** Writes {@code count} stamped frames and flushes them (one sendmmsg where the transport has it). */
    void send(int step, int count) {
        for (int i = 0; i < count; i++) {
            client.write(frame.stamp(client.alloc(), step, nextSequence++), client.voidPromise());
        }
        client.flush();
    }

    /** A frame the client socket received: an echo of ours, or the answer to a setup request. */
    void onClientFrame(ByteBuf received) {
        if (setup != null && setup.onFrame(received)) {
            return;
        }
        if (share != null) {
            share.onEcho(this, received);
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

    void close() {
        if (client != null) {
            client.close();
        }
        if (peer != null) {
            peer.close();
        }
    }
}
