package dev.punchline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one run of {@code bench relay} does, decided up front so that it can be printed with the results.
 *
 * @param sessions         allocations carrying load, each with one channel to an echoing peer
 * @param payloadBytes     ChannelData payload per packet
 * @param stepDuration     how long each rate step offers load
 * @param warmUp           load before measuring, so the JIT has compiled the hot path
 * @param startRate        first offered rate, round trips per second
 * @param growth           factor between geometric steps
 * @param bisections       steps spent narrowing between the last pass and the first failure
 * @param maxSteps         bound on steps per relay
 * @param latencyRate      round trips per second at which latency is measured (moderate, the same for every relay)
 * @param idleAllocations  N, the idle allocations whose memory is measured
 * @param generatorThreads event loops of the load generator
 * @param relayThreads     relaying threads each relay gets (our event loops; coturn's --relay-threads)
 * @param relays           which relays to measure, in order: "punchline", "coturn"
 * @param coturn           the turnserver executable
 * @param serverJvmOptions JVM options for our relay's process
 * @param workDirectory    where relay logs and state go
 * @param waitForIdle      how long to wait at the start for other processes to leave the cores idle
 */
public record BenchPlan(int sessions, int payloadBytes, Duration stepDuration, Duration warmUp, double startRate,
                        double growth, int bisections, int maxSteps, double latencyRate, int idleAllocations,
                        int generatorThreads, int relayThreads, List<String> relays, String coturn,
                        List<String> serverJvmOptions, Path workDirectory, Duration waitForIdle) {

    /** Generous upper bound of one relay's part of the run, for the relay's own kill switch. */
    public Duration boundPerRelay() {
        Duration perStep = stepDuration.plus(BenchTimings.DRAIN);
        return BenchTimings.SERVER_START.plus(warmUp).plus(perStep.multipliedBy(maxSteps + 3L))
                .plus(BenchTimings.MEMORY_SETTLE).plus(Duration.ofSeconds(60));
    }
}
