package dev.punchline.turn.server.allocation;

import dev.punchline.turn.wire.ChannelData;
import dev.punchline.turn.wire.Data;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.TransactionId;
import dev.punchline.turn.wire.XorAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/** Wraps a peer's datagram for the client: ChannelData when a channel is bound, a Data indication otherwise. */
final class PeerFrames {

    private final ByteBufAllocator alloc;
    private final boolean pad;

    PeerFrames(ByteBufAllocator alloc, boolean pad) {
        this.alloc = alloc;
        this.pad = pad;
    }

    /** Consumes {@code payload}. */
    ByteBuf channelData(int channel, ByteBuf payload) {
        try {
            int length = payload.readableBytes();
            ByteBuf frame = alloc.ioBuffer(ChannelData.HEADER_LENGTH + length + 3);
            ChannelData.encode(frame, channel, payload, pad);
            return frame;
        } finally {
            payload.release();
        }
    }

    /** Consumes {@code payload}. */
    ByteBuf dataIndication(InetSocketAddress peer, ByteBuf payload) {
        try {
            return StunMessage.builder(StunMethod.DATA, StunClass.INDICATION, randomId())
                    .add(XorAddress.peer(peer))
                    .add(new Data(payload))
                    .encode(alloc, Integrity.NONE, false);
        } finally {
            payload.release();
        }
    }

    /**
     * Indications are never matched to anything, so their ids need not be unguessable; a thread-local generator avoids
     * the lock inside SecureRandom on the packet path.
     */
    private static TransactionId randomId() {
        byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        return TransactionId.of(id);
    }
}
