package dev.punchline.ice.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The kernel's count of datagrams it dropped for one UDP socket, mostly because the receive buffer was full:
 * the {@code drops} column of {@code /proc/net/udp} (or {@code udp6}). It tells a receive-buffer overflow (a GC
 * pause, a slow handler) apart from loss on the network. Netty 4.1 has no SO_RXQ_OVFL option, so /proc it is.
 *
 * <p>The table is per network namespace, and a /proc/net file shows the namespace of the thread that opened
 * it: so it is opened, from {@code /proc/thread-self}, by the thread that created the socket, and kept open
 * (re-reading from offset 0 gives fresh contents). Linux only; elsewhere {@link #read()} is empty.
 */
final class SocketDrops implements Closeable {
    private static final int DROPS_FROM_END = 1;
    private static final int LOCAL_ADDRESS_FIELD = 1;

    private final FileChannel table;
    private final String localColumn;
    private ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);

    private SocketDrops(FileChannel table, String localColumn) {
        this.table = table;
        this.localColumn = localColumn;
    }

    /** Call on the thread that created the socket bound to {@code local}. */
    static SocketDrops open(InetSocketAddress local) {
        boolean ipv6 = local.getAddress() instanceof Inet6Address;
        String name = ipv6 ? "udp6" : "udp";
        for (String dir : new String[] {"/proc/thread-self/net/", "/proc/self/net/"}) {
            Path path = Path.of(dir + name);
            if (Files.isReadable(path)) {
                try {
                    return new SocketDrops(FileChannel.open(path, StandardOpenOption.READ), column(local));
                } catch (IOException | UnsupportedOperationException e) {
                    // try the next place
                }
            }
        }
        return new SocketDrops(null, column(local));
    }

    /** The socket's drop count now, or empty when the kernel does not tell. */
    synchronized OptionalLong read() {
        if (table == null) {
            return OptionalLong.empty();
        }
        try {
            String text = readAll();
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length > LOCAL_ADDRESS_FIELD && f[LOCAL_ADDRESS_FIELD].equalsIgnoreCase(localColumn)) {
                    return OptionalLong.of(Long.parseLong(f[f.length - DROPS_FROM_END]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    @Override
    public synchronized void close() {
        if (table != null) {
            try {
                table.close();
            } catch (IOException ignored) {
                // nothing held beyond the descriptor
            }
        }
    }

    private String readAll() throws IOException {
        table.position(0);
        buffer.clear();
        while (table.read(buffer) >= 0) {
            if (!buffer.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    }

    /**
     * {@code local_address} as the kernel prints it: each 32-bit word of the address in host byte order, in
     * hex, then the port.
     */
    private static String column(InetSocketAddress local) {
        ByteBuffer bytes = ByteBuffer.wrap(local.getAddress().getAddress()).order(ByteOrder.nativeOrder());
        StringBuilder s = new StringBuilder(40);
        while (bytes.hasRemaining()) {
            s.append(String.format(Locale.ROOT, "%08X", bytes.getInt()));
        }
        return s.append(String.format(Locale.ROOT, ":%04X", local.getPort())).toString();
    }
}
