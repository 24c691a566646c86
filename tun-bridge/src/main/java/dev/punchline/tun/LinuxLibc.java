package dev.punchline.tun;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The few libc calls the TUN device and the lab's namespace threads need, bound through JNA's direct mapping
 * (one JNI call each, no reflection per call). Calls that rarely fail declare {@link LastErrorException}: JNA clears
 * errno before and throws with it after a failing call. {@link #read} and {@link #write} do not: a non-blocking read
 * that finds nothing is their normal end, once per wake-up, and an exception (its stack trace) would cost more than
 * the read; they return -1 and leave errno in {@link Native#getLastError}. Sizes and addresses are {@code long}
 * because this module runs on 64-bit Linux only, where pointers, {@code size_t} and {@code ssize_t} are 64 bits
 * wide; an address rather than a {@link Pointer} spares an object per call.
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

    /** {@code sched_setscheduler} policy: real time, first in first out. */
    public static final int SCHED_FIFO = 1;
    /** {@code setpriority} target kind; with who 0 on Linux, the calling thread alone. */
    public static final int PRIO_PROCESS = 0;

    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    private LinuxLibc() {
    }

    public static native int open(String path, int flags) throws LastErrorException;

    public static native int close(int fd) throws LastErrorException;

    /** Returns -1 on failure, with errno in {@link Native#getLastError}. */
    public static native long read(int fd, long address, long count);

    /** Returns -1 on failure, with errno in {@link Native#getLastError}. */
    public static native long write(int fd, long address, long count);

    /** Declared with a pointer argument: every ioctl used here passes a struct. */
    public static native int ioctl(int fd, long request, Pointer argument) throws LastErrorException;

    /**
     * {@code fds} points to {@code count} 8-byte {@code struct pollfd}: int fd, short events, short revents; the
     * timeout is a {@code struct timespec} (two longs: seconds, nanoseconds; null waits without limit); a null signal
     * mask leaves it unchanged.
     */
    public static native int ppoll(Pointer fds, long count, Pointer timeout, Pointer signalMask)
            throws LastErrorException;

    public static native int pipe2(int[] fds, int flags) throws LastErrorException;

    public static native int setns(int fd, int namespaceType) throws LastErrorException;

    /** {@code param} is a {@code struct sched_param}: the one int {@code sched_priority}; pid 0 is the caller. */
    public static native int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;

    public static native int setpriority(int which, int who, int priority) throws LastErrorException;

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
