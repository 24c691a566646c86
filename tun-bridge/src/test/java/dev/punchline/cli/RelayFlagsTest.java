package dev.punchline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Every bad flag or value ends the relay command with status 2 and one line that names the flag. */
class RelayFlagsTest {

    /** Enough for the configuration to be valid, so that each case has exactly one thing wrong. */
    private static final List<String> VALID = List.of("--listen", "127.0.0.1:0", "--user", "alice:pw");

    @TempDir
    Path directory;

    /** Flags (split at spaces) and the start of the message they must produce. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            --ports abc | --ports: expected MIN-MAX, got "abc"
            --ports 5000-4000 | --ports: min 5000 > max 4000
            --ports 0-10 | --ports: min 0 outside 1-65535
            --bogus | --bogus: unknown option
            --listen | --listen: missing value
            --listen 127.0.0.1 | --listen: expected HOST:PORT, got "127.0.0.1"
            --listen ::1:3478 | --listen: an IPv6 address needs brackets
            --listen sctp:1.2.3.4:3478 | --listen: unknown transport in "sctp:1.2.3.4:3478"
            --listen 127.0.0.1:70000 | --listen: expected a port 0-65535
            --metrics localhost:9641 | --metrics: expected an IP address, got "localhost"
            --relay-ip relay.example | --relay-ip: expected an IP address
            --relay-ip 0.0.0.0 | --relay-ip: must be a specific address
            --relay-ip 10.0.0.1 --relay-ip 10.0.0.2 | --relay-ip: at most one IPv4 address
            --external-ip 2001:db8::1 --relay-ip 127.0.0.1 | --external-ip: 2001:db8:0:0:0:0:0:1 has no --relay-ip
            --user alice | --user: expected NAME:PASSWORD
            --allow-peer 10.0.0.1/8 | --allow-peer: 
            --quota many | --quota: 'many' is not an int
            --quota 0 | --quota: must be at least 1, was 0
            --max-bps -1 | --max-bps: must be 0 (unlimited) or more
            --max-connections-per-ip 0 | --max-connections-per-ip: must be at least 1, was 0
            --max-request-rate-per-ip -1 | --max-request-rate-per-ip: must be 0 (no limit) or more
            --max-lifetime 0 | --max-lifetime: must be positive
            --realm= | --realm: must not be empty
            --tls-cert cert.pem | --tls-key: missing while --tls-cert is set
            --listen tls:127.0.0.1:5349 | --tls-cert: required for a TLS listener
            --auth-secret-file /nonexistent/secret | --auth-secret-file: cannot read /nonexistent/secret
            --auth-secret s --auth-secret-file /etc/hostname | --auth-secret-file: give either it or --auth-secret
            """)
    void aBadFlagExitsWithStatus2AndOneLineNamingIt(String flags, String expected) {
        List<String> args = new ArrayList<>(VALID);
        args.addAll(List.of(flags.split(" ")));

        Outcome outcome = run(args);

        assertEquals(2, outcome.status(), outcome.err());
        assertEquals(1, outcome.err().lines().count(), "one line: " + outcome.err());
        assertTrue(outcome.err().startsWith("punchline relay: " + expected), outcome.err());
    }

    @Test
    void withoutCredentialsTheRelayRefusesToStart() {
        Outcome outcome = run(List.of("--listen", "127.0.0.1:0"));

        assertEquals(2, outcome.status());
        assertTrue(outcome.err().startsWith("punchline relay: --user or --auth-secret: at least one is required"), outcome.err());
    }

    @Test
    void errorsNeverRepeatASecret() throws IOException {
        Path users = Files.writeString(directory.resolve("users"), "# staff\nalice:pw\nbob-without-password\n");

        Outcome badUser = run(List.of("--user", "topsecret"));
        Outcome badFile = run(List.of("--user-file", users.toString()));

        assertEquals(2, badUser.status());
        assertFalse(badUser.err().contains("topsecret"), badUser.err());
        assertTrue(badFile.err().contains("--user-file: " + users + " line 3: expected NAME:PASSWORD"), badFile.err());
        assertFalse(badFile.err().contains("bob"), badFile.err());
    }

    @Test
    void withoutACommandPunchlineExitsWithStatus2() {
        StringWriter err = new StringWriter();
        int status = Punchline.commandLine().setErr(new PrintWriter(err)).execute();

        assertEquals(2, status);
        assertEquals("punchline: missing command (see punchline --help)", err.toString().strip());
    }

    private static Outcome run(List<String> flags) {
        StringWriter err = new StringWriter();
        CommandLine command = Punchline.commandLine().setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of("relay"));
        args.addAll(flags);
        int status = command.execute(args.toArray(String[]::new));
        return new Outcome(status, err.toString());
    }

    private record Outcome(int status, String err) {
    }
}
