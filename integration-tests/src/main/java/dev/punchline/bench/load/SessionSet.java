package dev.punchline.bench.load;

import dev.punchline.bench.BenchTimings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Sessions spread over the generator's event loops, run together one step at a time. */
public final class SessionSet implements AutoCloseable {

    private final List<LoopShare> shares;
    private final int sessions;
    private int steps;

    SessionSet(List<LoopShare> shares) {
        this.shares = List.copyOf(shares);
        this.sessions = shares.stream().mapToInt(s -> s.sessions().size()).sum();
    }

    public int size() {
        return sessions;
    }

    /**
     * Offers {@code roundTripsPerSecond} frames a second, spread evenly over the sessions, for {@code duration};
     * then waits {@link BenchTimings#DRAIN} for stragglers and reports. Blocks for duration plus drain.
     */
    public StepResult runStep(double roundTripsPerSecond, Duration duration) throws InterruptedException {
        int step = ++steps;
        for (LoopShare share : shares) {
            double rate = roundTripsPerSecond * share.sessions().size() / sessions;
            onLoop(share, () -> share.start(step, rate));
        }
        Thread.sleep(duration.toMillis());
        for (LoopShare share : shares) {
            onLoop(share, share::stopSending);
        }
        Thread.sleep(BenchTimings.DRAIN.toMillis());
        List<LoopCounts> counts = new ArrayList<>();
        for (LoopShare share : shares) {
            counts.add(onLoop(share, share::collect));
        }
        return StepResult.of(roundTripsPerSecond, counts);
    }

    /** Deletes every allocation (waiting for the relay's answers, as a client leaving does), then closes the sockets. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> releases = new ArrayList<>();
        shares.forEach(share -> share.sessions().forEach(session -> releases.add(session.release())));
        CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new)).join();
        shares.forEach(share -> share.sessions().forEach(Session::close));
    }

    private static void onLoop(LoopShare share, Runnable task) throws InterruptedException {
        onLoop(share, () -> {
            task.run();
            return null;
        });
    }

    private static <T> T onLoop(LoopShare share, Callable<T> task) throws InterruptedException {
        try {
            return share.loop().submit(task).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("generator loop failed", e.getCause());
        }
    }
}
