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
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A TUN device on Linux: {@code /dev/net/tun} with {@code TUNSETIFF(IFF_TUN | IFF_NO_PI)}. The device is not
 * persistent, so it disappears with its file descriptor, also when the JVM dies. It is created in the network
 * namespace of the thread that calls {@link #open}.
 *
 * <p>A blocked read waits in {@code poll} on the device and on a wake-up pipe, so {@link #close} can end it: a
 * thread blocked in {@code read(2)} itself would not notice another thread closing the descriptor. A lock keeps the
 * descriptors open while a read or write uses them, so a closing thread never frees a number another thread is
 * still passing to the kernel.
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

    private final String name;
    private final int fd;
    private final int wakeRead;
    private final int wakeWrite;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Memory pollFds = new Memory(2L * POLLFD_SIZE);
    private final Memory wakeByte = new Memory(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private LinuxTunDevice(String name, int fd, int wakeRead, int wakeWrite) {
        this.name = name;
        this.fd = fd;
        this.wakeRead = wakeRead;
        this.wakeWrite = wakeWrite;
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
        lock.readLock().lock();
        try {
            while (true) {
                ensureOpen();
                awaitReadable();
                ensureOpen();
                long count = transfer(packet, true);
                if (count >= 0) {
                    return (int) count;
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void write(ByteBuffer packet) throws IOException {
        lock.readLock().lock();
        try {
            ensureOpen();
            transfer(packet, false);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        wakeByte.setByte(0, (byte) 1);
        LinuxLibc.write(wakeWrite, wakeByte, 1);
        lock.writeLock().lock();
        try {
            LinuxLibc.close(fd);
            LinuxLibc.close(wakeRead);
            LinuxLibc.close(wakeWrite);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "tun " + name;
    }

    /** Waits until the device has a packet or the wake-up pipe says close() was called. */
    private void awaitReadable() throws IOException {
        synchronized (pollFds) {
            pollFds.setInt(0, fd);
            pollFds.setShort(4, LinuxLibc.POLLIN);
            pollFds.setShort(6, (short) 0);
            pollFds.setInt(POLLFD_SIZE, wakeRead);
            pollFds.setShort(POLLFD_SIZE + 4, LinuxLibc.POLLIN);
            pollFds.setShort(POLLFD_SIZE + 6, (short) 0);
            try {
                LinuxLibc.poll(pollFds, 2, -1);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LinuxLibc.EINTR) {
                    throw new IOException("poll on " + name + " failed: " + e.getMessage(), e);
                }
            }
        }
    }

    /** One read or write syscall; returns -1 when a non-blocking read found nothing after all. */
    private long transfer(ByteBuffer buffer, boolean reading) throws IOException {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("a TUN device reads and writes direct buffers only");
        }
        Pointer at = Native.getDirectBufferPointer(buffer).share(buffer.position());
        long count;
        try {
            count = reading ? LinuxLibc.read(fd, at, buffer.remaining()) : LinuxLibc.write(fd, at, buffer.remaining());
        } catch (LastErrorException e) {
            if (reading && (e.getErrorCode() == LinuxLibc.EAGAIN || e.getErrorCode() == LinuxLibc.EINTR)) {
                return -1;
            }
            throw new IOException((reading ? "read from " : "write to ") + name + " failed: " + e.getMessage(), e);
        }
        buffer.position(buffer.position() + (int) count);
        return count;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (closed.get()) {
            throw new ClosedChannelException();
        }
    }
}
