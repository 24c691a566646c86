package dev.punchline.tun;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A layer-3 virtual interface: every packet the kernel routes into it comes out of {@link #read}, every packet
 * given to {@link #write} enters the kernel as if it had arrived on the interface. Packets are bare IPv4 or IPv6
 * datagrams, without a packet-information header. Implementations may require direct buffers (the Linux one does:
 * the kernel copies straight from and into them).
 */
public interface TunDevice extends AutoCloseable {

    /** The interface's name in the network namespace it was created in. */
    String name();

    /**
     * Blocks until a packet is available and reads it into {@code packet} from its position, which advances by the
     * packet's length; a packet longer than the remaining space is truncated (the kernel drops the rest).
     *
     * @return the number of bytes read
     * @throws java.nio.channels.ClosedChannelException once the device is closed, also to a read that was blocked
     */
    int read(ByteBuffer packet) throws IOException;

    /** Writes the bytes from {@code packet}'s position to its limit as one packet; the position advances. */
    void write(ByteBuffer packet) throws IOException;

    /** Removes the interface and wakes any blocked {@link #read}. Idempotent. */
    @Override
    void close();
}
