package dev.punchline.tun.lab;

import java.nio.ByteBuffer;

/**
 * The packets the WAN emulator holds, oldest first, each with the time it may leave. Release times never decrease
 * ({@link WanScheduler} does not reorder), so a FIFO is the whole schedule: the oldest packet is always the next due.
 *
 * <p>Packets lie one after another in a single direct buffer that the TUN device reads into and writes from, so
 * holding a packet costs no allocation and no copy: {@link #space} gives the place for the next packet (the device
 * reads straight into it), {@link #add} keeps what was read there, {@link #next} gives the oldest packet for the
 * device to write, {@link #remove} frees it. The buffer is circular; a packet never wraps around its end (the gap
 * left there is skipped), so each packet is one contiguous range the kernel can copy in one go.
 *
 * <p>Not thread-safe: the emulator's one thread alone uses it.
 */
final class DelayLine {

    private final int bytes;
    private final int maxPacket;
    /** {@code bytes} for held packets, then {@code maxPacket} more where a packet that finds the line full lands. */
    private final ByteBuffer memory;
    private final int[] starts;
    private final int[] lengths;
    private final long[] releases;
    /** Index in the three arrays above of the oldest packet. */
    private int oldest;
    private int count;
    /** Offset just past the newest packet. */
    private int end;
    /** Where {@link #space} put the next packet; -1 when it had to use the overflow place. */
    private int spaceAt;

    /** Holds up to {@code packets} packets of up to {@code maxPacket} bytes each in {@code bytes} bytes. */
    DelayLine(int bytes, int packets, int maxPacket) {
        if (maxPacket > bytes) {
            throw new IllegalArgumentException("a line of " + bytes + " bytes cannot hold a packet of " + maxPacket);
        }
        this.bytes = bytes;
        this.maxPacket = maxPacket;
        this.memory = ByteBuffer.allocateDirect(bytes + maxPacket);
        this.starts = new int[packets];
        this.lengths = new int[packets];
        this.releases = new long[packets];
    }

    /**
     * The buffer, from the place of the next packet to {@code maxPacket} bytes further. When the line is full this
     * is a place outside it: the packet still has to be read out of the device, and {@link #add} then refuses it.
     */
    ByteBuffer space() {
        spaceAt = freePlace();
        int at = spaceAt < 0 ? bytes : spaceAt;
        memory.limit(at + maxPacket).position(at);
        return memory;
    }

    /**
     * Keeps the {@code length} bytes just read into {@link #space} until {@code release} ({@link System#nanoTime}'s
     * scale, no earlier than the previous packet's); false when the line was full and the packet is lost.
     */
    boolean add(int length, long release) {
        if (spaceAt < 0) {
            return false;
        }
        int index = (oldest + count) % starts.length;
        starts[index] = spaceAt;
        lengths[index] = length;
        releases[index] = release;
        end = spaceAt + length;
        count++;
        spaceAt = -1;
        return true;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** When the oldest packet may leave; the line must not be empty. */
    long nextRelease() {
        return releases[oldest];
    }

    /** The buffer, from the oldest packet's first byte to its last; the line must not be empty. */
    ByteBuffer next() {
        int start = starts[oldest];
        memory.limit(start + lengths[oldest]).position(start);
        return memory;
    }

    /** Forgets the oldest packet. */
    void remove() {
        oldest = (oldest + 1) % starts.length;
        count--;
        if (count == 0) {
            oldest = 0;
            end = 0;
        }
    }

    /** Where a packet of up to {@code maxPacket} bytes fits without overwriting a held one, or -1. */
    private int freePlace() {
        if (count == 0) {
            return 0;
        }
        if (count == starts.length) {
            return -1;
        }
        int first = starts[oldest];
        if (end > first) {
            // Held packets occupy [first, end): free space is after them, or else from the start of the buffer.
            if (end + maxPacket <= bytes) {
                return end;
            }
            return maxPacket <= first ? 0 : -1;
        }
        // Wrapped: held packets occupy [first, bytes) and [0, end); only [end, first) is free (none when equal).
        return end + maxPacket <= first ? end : -1;
    }
}
