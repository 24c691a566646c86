package dev.punchline.ice.link;

import java.time.Duration;
import java.util.PriorityQueue;

/** A virtual clock: time moves only when a test says so, and tasks run in time order (FIFO among equal times). */
final class VirtualScheduler implements LinkScheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now = 1_000_000_000L;
    private long order;

    private static final class Task implements Comparable<Task> {
        final long at;
        final long order;
        final Runnable run;
        boolean cancelled;

        Task(long at, long order, Runnable run) {
            this.at = at;
            this.order = order;
            this.run = run;
        }

        @Override
        public int compareTo(Task o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(order, o.order);
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Timer schedule(Runnable task, long delayNanos) {
        Task t = new Task(now + Math.max(0, delayNanos), order++, task);
        queue.add(t);
        return () -> t.cancelled = true;
    }

    /** Runs everything due within {@code d} from now, in order, then leaves the clock at now + d. */
    void runFor(Duration d) {
        runUntil(now + d.toNanos());
    }

    void runUntil(long until) {
        while (!queue.isEmpty() && queue.peek().at <= until) {
            Task t = queue.poll();
            now = t.at;
            if (!t.cancelled) {
                t.run.run();
            }
        }
        now = until;
    }

    /** Runs {@code task} every {@code period} from now on (until it returns false). */
    void every(Duration period, java.util.function.BooleanSupplier task) {
        schedule(new Runnable() {
            @Override
            public void run() {
                if (task.getAsBoolean()) {
                    schedule(this, period.toNanos());
                }
            }
        }, 0);
    }
}
