package dev.punchline.tun;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A layer-3 virtual interface: every packet the kernel routes into it comes out of {@link #read}, every packet
 * given to {@link #write} enters the kernel as if it had arrived on the interface. Packets are bare IPv4 or IPv6
 * datagrams, without a packet-information header. Implementations may require direct buffers (the Linux one does:
 * the kernel copies straight from and into them).
 *
 * <p>Reads do not block: a reader takes every packet waiting, one {@link #read} each until it returns 0, and only
 * then waits in {@link #await}, so a burst costs one wake-up rather than one per packet.
 */
public interface TunDevice extends AutoCloseable {

    /** The interface's name in the network namespace it was created in. */
    String name();

    /**
     * Reads the next waiting packet into {@code packet} from its position, which advances by the packet's length; a
     * packet longer than the remaining space is truncated (the kernel drops the rest).
     *
     * @return the number of bytes read, 0 when no packet is waiting
     * @throws java.nio.channels.ClosedChannelException once the device is closed
     */
    int read(ByteBuffer packet) throws IOException;

    /**
     * Blocks until a packet may be waiting, {@code timeoutNanos} have passed (a negative timeout waits without
     * limit), or the device is closed; it may also return early for no reason, like any poll.
     *
     * @throws java.nio.channels.ClosedChannelException once the device is closed, also to a wait it ended
     */
    void await(long timeoutNanos) throws IOException;

    /** Writes the bytes from {@code packet}'s position to its limit as one packet; the position advances. */
    void write(ByteBuffer packet) throws IOException;

    /** Removes the interface and wakes any blocked {@link #await}. Idempotent. */
    @Override
    void close();
}
