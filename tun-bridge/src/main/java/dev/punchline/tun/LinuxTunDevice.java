package dev.punchline.tun;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.StampedLock;

/**
 * A TUN device on Linux: {@code /dev/net/tun} with {@code TUNSETIFF(IFF_TUN | IFF_NO_PI)}, non-blocking. The device
 * is not persistent, so it disappears with its file descriptor, also when the JVM dies. It is created in the network
 * namespace of the thread that calls {@link #open}.
 *
 * <p>{@link #await} waits in {@code ppoll} on the device and on a wake-up pipe, so {@link #close} can end it: a
 * thread blocked on the descriptor itself would not notice another thread closing it. A lock keeps the descriptors
 * open while a call uses them, so a closing thread never frees a number another thread is still passing to the
 * kernel. Per packet, a read or write costs one system call and allocates nothing (the lock is a {@link
 * StampedLock}: no per-thread hold count to record; a buffer's address is looked up once, not per packet).
 */
public final class LinuxTunDevice implements TunDevice {

    /** {@code _IOW('T', 202, int)}. */
    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TUN = 0x0001;
    private static final short IFF_NO_PI = 0x1000;
    /** {@code struct ifreq}: 16 bytes of name, then a union of which the flags are the first short. */
    private static final int IFREQ_SIZE = 40;
    private static final int IFNAMSIZ = 16;
    private static final int POLLFD_SIZE = 8;
    private static final int TIMESPEC_SIZE = 16;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final String name;
    private final int fd;
    private final int wakeRead;
    private final int wakeWrite;
    private final StampedLock lock = new StampedLock();
    private final Memory pollFds = new Memory(2L * POLLFD_SIZE);
    private final Memory timeout = new Memory(TIMESPEC_SIZE);
    private final Memory wakeByte = new Memory(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The last buffer read into or written from, and where its memory starts. */
    private BufferAddress lastBuffer;

    private LinuxTunDevice(String name, int fd, int wakeRead, int wakeWrite) {
        this.name = name;
        this.fd = fd;
        this.wakeRead = wakeRead;
        this.wakeWrite = wakeWrite;
        pollFds.setInt(0, fd);
        pollFds.setShort(4, LinuxLibc.POLLIN);
        pollFds.setShort(6, (short) 0);
        pollFds.setInt(POLLFD_SIZE, wakeRead);
        pollFds.setShort(POLLFD_SIZE + 4, LinuxLibc.POLLIN);
        pollFds.setShort(POLLFD_SIZE + 6, (short) 0);
    }

    /**
     * Creates the interface {@code name} (down, without addresses) in the calling thread's network namespace.
     *
     * @throws IOException when the name is taken, too long, or the caller lacks CAP_NET_ADMIN
     */
    public static LinuxTunDevice open(String name) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length == 0 || nameBytes.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("an interface name has 1 to " + (IFNAMSIZ - 1) + " characters: " + name);
        }
        int fd;
        try {
            fd = LinuxLibc.open("/dev/net/tun", LinuxLibc.O_RDWR | LinuxLibc.O_NONBLOCK | LinuxLibc.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open /dev/net/tun: " + e.getMessage(), e);
        }
        try {
            Memory request = new Memory(IFREQ_SIZE);
            request.clear();
            request.write(0, nameBytes, 0, nameBytes.length);
            request.setShort(IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
            LinuxLibc.ioctl(fd, TUNSETIFF, request);
            int[] pipe = new int[2];
            LinuxLibc.pipe2(pipe, LinuxLibc.O_CLOEXEC | LinuxLibc.O_NONBLOCK);
            return new LinuxTunDevice(request.getString(0, StandardCharsets.US_ASCII.name()), fd, pipe[0], pipe[1]);
        } catch (LastErrorException e) {
            LinuxLibc.close(fd);
            throw new IOException("cannot create TUN device " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int read(ByteBuffer packet) throws IOException {
        return transfer(packet, true);
    }

    @Override
    public void await(long timeoutNanos) throws IOException {
        long stamp = lock.readLock();
        try {
            ensureOpen();
            synchronized (pollFds) {
                Pointer limit = null;
                if (timeoutNanos >= 0) {
                    timeout.setLong(0, timeoutNanos / NANOS_PER_SECOND);
                    timeout.setLong(Long.BYTES, timeoutNanos % NANOS_PER_SECOND);
                    limit = timeout;
                }
                try {
                    LinuxLibc.ppoll(pollFds, 2, limit, null);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != LinuxLibc.EINTR) {
                        throw new IOException("ppoll on " + name + " failed: " + e.getMessage(), e);
                    }
                }
            }
            ensureOpen();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void write(ByteBuffer packet) throws IOException {
        transfer(packet, false);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        wakeByte.setByte(0, (byte) 1);
        LinuxLibc.write(wakeWrite, Pointer.nativeValue(wakeByte), 1);
        long stamp = lock.writeLock();
        try {
            LinuxLibc.close(fd);
            LinuxLibc.close(wakeRead);
            LinuxLibc.close(wakeWrite);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public String toString() {
        return "tun " + name;
    }

    /** One read or write system call; returns 0 when a read found no packet waiting. */
    private int transfer(ByteBuffer packet, boolean reading) throws IOException {
        long stamp = lock.readLock();
        try {
            ensureOpen();
            long address = address(packet);
            long count = reading ? LinuxLibc.read(fd, address, packet.remaining())
                    : LinuxLibc.write(fd, address, packet.remaining());
            if (count < 0) {
                int errno = Native.getLastError();
                if (reading && (errno == LinuxLibc.EAGAIN || errno == LinuxLibc.EINTR)) {
                    return 0;
                }
                throw new IOException((reading ? "read from " : "write to ") + name + " failed: errno " + errno);
            }
            packet.position(packet.position() + (int) count);
            return (int) count;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Where the kernel is to copy from or into: {@code buffer}'s memory at its position. */
    private long address(ByteBuffer buffer) {
        BufferAddress known = lastBuffer;
        if (known == null || known.buffer() != buffer) {
            if (!buffer.isDirect()) {
                throw new IllegalArgumentException("a TUN device reads and writes direct buffers only");
            }
            known = new BufferAddress(buffer, Pointer.nativeValue(Native.getDirectBufferPointer(buffer)));
            // Threads racing here each store a correct pair: the record's fields are final, so a reader never sees
            // one buffer with another's address.
            lastBuffer = known;
        }
        return known.start() + buffer.position();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (closed.get()) {
            throw new ClosedChannelException();
        }
    }

    private record BufferAddress(ByteBuffer buffer, long start) {
    }
}
