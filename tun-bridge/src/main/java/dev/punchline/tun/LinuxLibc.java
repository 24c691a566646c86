package dev.punchline.tun;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The few libc calls the TUN device and the lab's namespace threads need, bound through JNA's direct mapping
 * (one JNI call each, no reflection per call). Every call declares {@link LastErrorException}: JNA clears errno
 * before and throws with it after a failing call. Sizes are {@code long} because this module runs on 64-bit
 * Linux only, where {@code size_t} and {@code ssize_t} are 64 bits wide.
 */
public final class LinuxLibc {

    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;

    /** {@code setns} namespace type for network namespaces. */
    public static final int CLONE_NEWNET = 0x40000000;

    public static final short POLLIN = 0x1;
    public static final int EAGAIN = 11;
    public static final int EINTR = 4;

    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    private LinuxLibc() {
    }

    public static native int open(String path, int flags) throws LastErrorException;

    public static native int close(int fd) throws LastErrorException;

    public static native long read(int fd, Pointer buffer, long count) throws LastErrorException;

    public static native long write(int fd, Pointer buffer, long count) throws LastErrorException;

    /** Declared with a pointer argument: every ioctl used here passes a struct. */
    public static native int ioctl(int fd, long request, Pointer argument) throws LastErrorException;

    /** {@code fds} points to {@code count} 8-byte {@code struct pollfd}: int fd, short events, short revents. */
    public static native int poll(Pointer fds, long count, int timeoutMillis) throws LastErrorException;

    public static native int pipe2(int[] fds, int flags) throws LastErrorException;

    public static native int setns(int fd, int namespaceType) throws LastErrorException;

    /**
     * Moves the calling thread (only it: network namespaces are per thread) into the network namespace that
     * {@code path} names, e.g. {@code /var/run/netns/NAME}. Threads the caller starts afterwards inherit it.
     */
    public static void enterNetworkNamespace(String path) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        try {
            setns(fd, CLONE_NEWNET);
        } finally {
            close(fd);
        }
    }
}
