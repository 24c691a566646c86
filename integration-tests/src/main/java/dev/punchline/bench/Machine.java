package dev.punchline.bench;

import dev.punchline.bench.server.ProcFs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** One line naming the machine a run happened on: cores, CPU model, kernel, JVM. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.vm.version");
    }

    /** The share of all cores busy (processes, interrupts, softirq) over {@code window}, from 0 to 1. */
    static double busyShare(Duration window) throws InterruptedException {
        long busy = ProcFs.machineBusyTicks() + ProcFs.machineSoftirqTicks();
        Thread.sleep(window.toMillis());
        long spent = ProcFs.machineBusyTicks() + ProcFs.machineSoftirqTicks() - busy;
        double capacity = window.toMillis() / 1000.0 * ProcFs.clockTicksPerSecond()
                * Runtime.getRuntime().availableProcessors();
        return spent / capacity;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("CPU model unknown");
        } catch (IOException e) {
            return "CPU model unknown";
        }
    }
}
