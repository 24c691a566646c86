package dev.punchline.it.ice;

import dev.punchline.it.support.ExternalProgram;
import dev.punchline.it.support.ItTimings;
import dev.punchline.it.support.Requirements;
import dev.punchline.it.support.StunProbe;
import dev.punchline.tun.lab.AddressPlan;
import dev.punchline.tun.lab.Host;
import dev.punchline.tun.process.ExternalProcess;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * coturn's {@code turnserver} on a lab host instead of our relay, with the same user and realm as {@code LabRelay}.
 * The lab's public ranges are documentation ranges, which coturn would not relay to by default: they are allowed
 * peers here ({@code --allowed-peer-ip}), as our relay allows them.
 */
final class LabCoturn extends ExternalProgram {

    static final int PORT = 3478;
    static final String USER = "lab";
    static final String PASSWORD = "lab-password";
    static final String REALM = "lab";

    private final InetSocketAddress address;

    private LabCoturn(ExternalProcess process, InetSocketAddress address) {
        super(process);
        this.address = address;
    }

    /** Starts turnserver on {@code host} (UDP and TCP, port {@value #PORT}) and returns once it answers STUN. */
    static LabCoturn start(Host host, String... extraArgs) throws Exception {
        Requirements.requireCommand("turnserver");
        String ip = host.address().getHostAddress();
        Path directory = Files.createDirectories(Path.of("target", "external-logs", "coturn-" + host.namespace()))
                .toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("turnserver", "-n",
                "--listening-ip=" + ip, "--relay-ip=" + ip, "--listening-port=" + PORT,
                "--realm=" + REALM, "--lt-cred-mech", "--user=" + USER + ":" + PASSWORD,
                "--no-cli", "--no-tls", "--no-dtls", "--log-file=stdout",
                "--pidfile=" + directory.resolve("turnserver.pid"), "--db=" + directory.resolve("turndb")));
        for (String range : AddressPlan.PUBLIC_RANGES) {
            if (!range.contains(":")) {
                command.add("--allowed-peer-ip=" + rangeOf(range));
            }
        }
        command.addAll(List.of(extraArgs));
        ExternalProcess process = host.start("coturn", command);
        InetSocketAddress address = new InetSocketAddress(host.address(), PORT);
        boolean answered = host.runInNamespace(() -> StunProbe.answers(address, ItTimings.COTURN_START,
                process::isAlive));
        if (!answered) {
            RuntimeException failure = process.failure("did not answer STUN on " + address);
            process.stop();
            throw failure;
        }
        return new LabCoturn(process, address);
    }

    InetSocketAddress address() {
        return address;
    }

    /** An IPv4 /24 as coturn's {@code FIRST-LAST} range. */
    private static String rangeOf(String cidr) {
        String[] parts = cidr.split("/");
        if (!parts[1].equals("24")) {
            throw new IllegalArgumentException("only /24 ranges are written for coturn: " + cidr);
        }
        String network = parts[0].substring(0, parts[0].lastIndexOf('.') + 1);
        return network + "0-" + network + "255";
    }
}
