package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;

import java.time.Duration;
import java.util.Random;
import java.util.function.Predicate;

/**
 * One direction of a simulated path: a fixed delay, a cut switch, random loss from a seeded generator, and
 * one-shot drops of chosen datagrams. What gets through is handed to the receiving side's PathHandle after
 * the delay, on the virtual clock.
 */
final class SimWire {
    private final VirtualScheduler scheduler;
    private final Random random;
    private long delayNanos;
    private boolean cut;
    private double loss;
    private Predicate<ByteBuf> dropOnce;
    PathHandle target;
    long carried;
    long dropped;
    long droppedData;

    SimWire(VirtualScheduler scheduler, Duration delay, long seed) {
        this.scheduler = scheduler;
        this.delayNanos = delay.toNanos();
        this.random = new Random(seed);
    }

    void carry(ByteBuf datagram) {
        if (cut || (loss > 0 && random.nextDouble() < loss) || matchesDrop(datagram)) {
            dropped++;
            droppedData += datagram.getUnsignedByte(datagram.readerIndex()) == LinkFrame.TYPE_DATA ? 1 : 0;
            datagram.release();
            return;
        }
        carried++;
        scheduler.schedule(() -> {
            if (target == null) {
                datagram.release();
            } else {
                target.receive(datagram);
            }
        }, delayNanos);
    }

    private boolean matchesDrop(ByteBuf datagram) {
        if (dropOnce != null && dropOnce.test(datagram)) {
            dropOnce = null;
            return true;
        }
        return false;
    }

    void cut(boolean v) {
        cut = v;
    }

    void loss(double v) {
        loss = v;
    }

    void delay(Duration d) {
        delayNanos = d.toNanos();
    }

    /** Drops the next datagram that matches. */
    void dropNext(Predicate<ByteBuf> which) {
        dropOnce = which;
    }

    static Predicate<ByteBuf> ofType(int type) {
        return b -> b.getUnsignedByte(b.readerIndex()) == type;
    }
}
