package dev.punchline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RelayHelpTest {

    private static final List<String> FLAGS = List.of("--listen", "--relay-ip", "--external-ip", "--ports", "--realm",
            "--user", "--user-file", "--auth-secret", "--auth-secret-file", "--allow-peer", "--quota", "--max-bps",
            "--max-connections-per-ip", "--max-request-rate-per-ip", "--max-lifetime", "--metrics", "--tls-cert", "--tls-key");

    @Test
    void punchlineHelpListsTheCommands() {
        String help = help("--help");

        assertTrue(help.contains("relay"), help);
        assertTrue(help.contains("Runs a TURN relay"), help);
    }

    @Test
    void relayHelpDocumentsEveryFlagWithTheServersDefaults() {
        String help = help("relay", "--help");

        FLAGS.forEach(flag -> assertTrue(help.contains(flag + "="), flag + " missing from\n" + help));
        assertTrue(help.contains("Default: 0.0.0.0:3478"), help);
        assertTrue(help.contains("Default: 49152-65535"), help);
        assertTrue(help.contains("Default: 3600"), help);
        assertTrue(help.contains("Default: 10."), help);
        assertTrue(help.contains("Default: 256."), help);
        assertTrue(help.contains("Default: 200."), help);
    }

    private static String help(String... args) {
        StringWriter out = new StringWriter();
        CommandLine command = Punchline.commandLine().setOut(new PrintWriter(out));
        assertEquals(0, command.execute(args));
        return out.toString();
    }
}
