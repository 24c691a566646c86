package dev.punchline.bench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a process's CPU time and resident memory from /proc (Linux only). */
public final class ProcFs {

    /** /proc/PID/stat's fields after the command name: state is field 3, utime 14 and stime 15 (proc(5)). */
    private static final int UTIME_AFTER_NAME = 14 - 3;
    private static final int STIME_AFTER_NAME = 15 - 3;

    private static volatile long clockTicks;

    private ProcFs() {
    }

    public static ProcessSample sample(long pid) {
        return new ProcessSample(cpuTicks(pid), residentKiB(pid));
    }

    /** utime + stime of every thread of the process so far, in clock ticks. */
    public static long cpuTicks(long pid) {
        String stat = readLines(Path.of("/proc", Long.toString(pid), "stat")).get(0);
        // The command name is in parentheses and may itself contain spaces and ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[UTIME_AFTER_NAME]) + Long.parseLong(fields[STIME_AFTER_NAME]);
    }

    /**
     * CPU time the whole machine spent in processes so far (user, nice, system and steal of every core), in clock
     * ticks; interrupt and softirq time is left out, as it is out of a process's own utime + stime.
     */
    public static long machineBusyTicks() {
        String[] cpu = readLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal ...
        return Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3]) + Long.parseLong(cpu[8]);
    }

    /**
     * Interrupt and softirq time of the whole machine so far, in clock ticks: on loopback, the kernel delivers a
     * datagram to its receiver in softirq context, work that belongs to no process's utime + stime.
     */
    public static long machineSoftirqTicks() {
        String[] cpu = readLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        return Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]);
    }

    /** VmRSS of the process, in KiB. */
    public static long residentKiB(long pid) {
        for (String line : readLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }

    /** The kernel's USER_HZ, the unit of /proc CPU times: {@code getconf CLK_TCK}, 100 on every usual Linux. */
    public static long clockTicksPerSecond() {
        if (clockTicks == 0) {
            clockTicks = readClockTicks();
        }
        return clockTicks;
    }

    private static long readClockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** Line-wise: /proc files report a size of 0, which whole-file reads may trust. */
    private static List<String> readLines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " (has the process ended?)", e);
        }
    }
}
