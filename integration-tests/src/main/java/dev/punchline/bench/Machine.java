package dev.punchline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** The one-minute load average: how busy the machine was with other work when the run began. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readAllLines(Path.of("/proc/loadavg")).get(0).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
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
