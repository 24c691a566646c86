package dev.punchline.turn.server.allocation;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Receive buffers for the server's UDP sockets: one buffer per event loop, used again for every read as long as nobody
 * kept a piece of it. Every datagram must fit whole (a relay must pass whatever UDP carries, see
 * {@link DatagramSocketOptions#MAX_DATAGRAM}), and a fresh 64 KiB pooled buffer per datagram is larger than Netty's
 * thread cache holds, so each one went to the (synchronised) arena and back, for a 160-byte packet. A loop reads one
 * socket at a time and the server is done with a datagram when its handler returns (what it queues is copied out), so
 * one buffer per loop serves every socket on it.
 *
 * <p>The buffer is reused only when its reference count shows that no slice of an earlier datagram is still held (a
 * packet handed to another loop, or a transport that reads several datagrams before handling any, as NIO does); then
 * that read gets a buffer of its own, as before, and the held memory is never written to.
 */
final class LoopReceiveBuffer extends DefaultMaxMessagesRecvByteBufAllocator {

    /** Each instance its own per-loop buffer: the sizes differ between transports. */
    private final FastThreadLocal<Shared> shared = new FastThreadLocal<>() {
        @Override
        protected Shared initialValue() {
            return new Shared(size);
        }

        /** Event-loop threads remove their thread-locals as they end: the buffer goes back to the pool then. */
        @Override
        protected void onRemoval(Shared buffer) {
            buffer.release();
        }
    };

    private final int size;

    /**
     * @param datagramsPerRead how many datagrams one read event takes from a socket before the loop moves on
     * @param datagramsPerBuffer how many whole datagrams one buffer holds: one for a read of a single datagram
     *                           (recvmsg), the batch size for a transport that reads several in one call (recvmmsg)
     */
    LoopReceiveBuffer(int datagramsPerRead, int datagramsPerBuffer) {
        super(datagramsPerRead);
        this.size = datagramsPerBuffer * DatagramSocketOptions.MAX_DATAGRAM;
    }

    @Override
    public Handle newHandle() {
        return new MaxMessageHandle() {
            @Override
            public ByteBuf allocate(ByteBufAllocator alloc) {
                return shared.get().take(alloc);
            }

            @Override
            public int guess() {
                return size;
            }
        };
    }

    /** One loop's buffer. Only that loop's thread touches it. */
    private static final class Shared {

        private final int size;
        private ByteBuf buffer;

        Shared(int size) {
            this.size = size;
        }

        ByteBuf take(ByteBufAllocator alloc) {
            if (buffer == null) {
                buffer = alloc.directBuffer(size, size);
            }
            // One reference is this holder's own: any count above it is a reader of an earlier datagram.
            if (buffer.refCnt() == 1) {
                return buffer.retain().clear();
            }
            return alloc.directBuffer(size, size);
        }

        void release() {
            if (buffer != null) {
                buffer.release();
                buffer = null;
            }
        }
    }
}
