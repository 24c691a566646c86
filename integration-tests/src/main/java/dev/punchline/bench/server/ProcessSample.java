package dev.punchline.bench.server;

/**
 * What /proc says about a process at one moment: CPU time used so far (user plus system, all threads) and resident
 * memory. Kernel memory the process causes (socket buffers, the sockets themselves) is in neither figure.
 */
public record ProcessSample(long cpuTicks, long residentKiB) {

    /** CPU seconds spent between {@code earlier} and this sample. */
    public double cpuSecondsSince(ProcessSample earlier) {
        return (cpuTicks - earlier.cpuTicks) / (double) ProcFs.clockTicksPerSecond();
    }
}
