package dev.punchline.it.lab;

import dev.punchline.tun.lab.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The kernel's UDP counters of a lab host's namespace. */
public final class UdpCounters {

    private UdpCounters() {
    }

    /** Datagrams the host's kernel dropped for a full socket receive buffer ({@code Udp: RcvbufErrors}). */
    public static long receiveBufferErrors(Host host) throws Exception {
        // /proc/net is the process's namespace; /proc/thread-self/net is the namespace thread's, the host's.
        List<String> snmp = host.runInNamespace(() -> Files.readAllLines(Path.of("/proc/thread-self/net/snmp")));
        List<String> udp = snmp.stream().filter(line -> line.startsWith("Udp: ")).toList();
        List<String> names = List.of(udp.get(0).split(" "));
        return Long.parseLong(udp.get(1).split(" ")[names.indexOf("RcvbufErrors")]);
    }
}
