package dev.punchline.turn.server.allocation;

import java.util.BitSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The relay ports of one relay address that this server has handed out. Ports are picked at random (RFC 8656 §7.2:
 * predictable relayed ports help off-path attackers); whether the kernel lets us bind one is the caller's business.
 * Only Allocate and expiry touch it, never the packet path, so plain synchronisation is enough.
 */
public final class RelayPortPool {

    private final int min;
    private final int max;
    private final BitSet used;

    public RelayPortPool(int min, int max) {
        if (min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException("port range " + min + "-" + max);
        }
        this.min = min;
        this.max = max;
        this.used = new BitSet(max - min + 1);
    }

    /**
     * Takes a free port, starting the search at a random place; {@code even} restricts it to even ports and
     * {@code nextToo} additionally requires (and takes) the port above it (EVEN-PORT with the R bit).
     *
     * @return the port, or -1 when none fits
     */
    public synchronized int acquire(boolean even, boolean nextToo) {
        int size = max - min + 1;
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = min + (start + i) % size;
            if (fits(port, even, nextToo)) {
                take(port);
                if (nextToo) {
                    take(port + 1);
                }
                return port;
            }
        }
        return -1;
    }

    /** Takes exactly this port, if it is in range and free. */
    public synchronized boolean acquire(int port) {
        if (port < min || port > max || used.get(port - min)) {
            return false;
        }
        take(port);
        return true;
    }

    public synchronized void release(int port) {
        if (port >= min && port <= max) {
            used.clear(port - min);
        }
    }

    private boolean fits(int port, boolean even, boolean nextToo) {
        if (used.get(port - min) || (even && (port & 1) != 0)) {
            return false;
        }
        return !nextToo || (port < max && !used.get(port + 1 - min));
    }

    private void take(int port) {
        used.set(port - min);
    }
}
