package dev.punchline.it.support;

import dev.punchline.tun.process.ExternalProcess;
import dev.punchline.turn.server.SelfSignedPem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * coturn's {@code turnserver} on 127.0.0.1 and ::1, the reference our client and server are checked
 * against: UDP and TCP on one port, TLS on another with a self-signed certificate made for the
 * instance, relayed addresses from 127.0.0.1 or ::1 as the client asks. Configured only from the
 * command line ({@code -n}), with its pid file, user database and certificate in its own directory so
 * several instances can run side by side. Loopback peers are allowed: every peer of a harness test
 * lives on 127.0.0.1 or ::1.
 */
public final class Coturn extends ExternalProgram {

    private static final String LOOPBACK = "127.0.0.1";
    private static final String LOOPBACK_IPV6 = "::1";
    private static final String DEFAULT_REALM = "test.local";
    private static final int DEFAULT_RELAY_PORTS = 100;

    private final InetSocketAddress address;
    private final InetSocketAddress tlsAddress;
    private final Path certificate;
    private final FreePorts.PortRange relayPorts;
    private final String realm;

    private Coturn(ExternalProcess process, InetSocketAddress address, InetSocketAddress tlsAddress, Path certificate,
            FreePorts.PortRange relayPorts, String realm) {
        super(process);
        this.address = address;
        this.tlsAddress = tlsAddress;
        this.certificate = certificate;
        this.relayPorts = relayPorts;
        this.realm = realm;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where it listens, for UDP and TCP. */
    public InetSocketAddress address() {
        return address;
    }

    /** Where it listens for TLS. */
    public InetSocketAddress tlsAddress() {
        return tlsAddress;
    }

    /**
     * Its self-signed TLS certificate as a PEM file, issued to {@value SelfSignedPem#HOST_NAME}: the trust a TLS
     * client needs.
     */
    public Path certificate() {
        return certificate;
    }

    public FreePorts.PortRange relayPorts() {
        return relayPorts;
    }

    public String realm() {
        return realm;
    }

    /** What to start; every setting is optional, but a TURN test needs users or a secret. */
    public static final class Builder {
        private final Map<String, String> users = new LinkedHashMap<>();
        private final List<String> extraArgs = new ArrayList<>();
        private String authSecret;
        private String realm = DEFAULT_REALM;
        private FreePorts.PortRange relayPorts;

        private Builder() {
        }

        /** A static long-term-credential user ({@code --lt-cred-mech --user=NAME:PASSWORD}). */
        public Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        /** TURN REST API credentials ({@code --use-auth-secret --static-auth-secret=SECRET}). */
        public Builder authSecret(String secret) {
            this.authSecret = secret;
            return this;
        }

        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        /** The relay port range; a fresh free range of 100 ports when not set. */
        public Builder relayPorts(FreePorts.PortRange range) {
            this.relayPorts = range;
            return this;
        }

        /** More turnserver flags, appended as given. */
        public Builder extraArgs(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        /**
         * Starts turnserver and returns once it answers a STUN Binding request. Skips the test
         * (fails it under CI=true) when turnserver is not installed.
         */
        public Coturn start() {
            Requirements.requireCommand("turnserver");
            FreePorts.PortRange relay = relayPorts != null ? relayPorts : FreePorts.range(DEFAULT_RELAY_PORTS);
            int port = FreePorts.udpAndTcp();
            int tlsPort = FreePorts.udpAndTcp();
            Path directory = workDirectory(port);
            SelfSignedPem tls = certificate(directory);
            // --no-rfc5780: with two listening addresses coturn would also bind each port plus one for NAT
            // behaviour discovery, ports nobody checked were free (the TLS port may well be one of them).
            List<String> command = new ArrayList<>(List.of("turnserver", "-n",
                    "--listening-ip=" + LOOPBACK, "--listening-ip=" + LOOPBACK_IPV6,
                    "--relay-ip=" + LOOPBACK, "--relay-ip=" + LOOPBACK_IPV6,
                    "--listening-port=" + port, "--tls-listening-port=" + tlsPort,
                    "--cert=" + tls.certificate(), "--pkey=" + tls.privateKey(),
                    "--min-port=" + relay.min(), "--max-port=" + relay.max(),
                    "--realm=" + realm, "--allow-loopback-peers",
                    "--no-cli", "--no-dtls", "--no-rfc5780", "--log-file=stdout",
                    "--pidfile=" + directory.resolve("turnserver.pid"), "--db=" + directory.resolve("turndb")));
            if (!users.isEmpty()) {
                command.add("--lt-cred-mech");
                users.forEach((name, password) -> command.add("--user=" + name + ":" + password));
            }
            if (authSecret != null) {
                command.add("--use-auth-secret");
                command.add("--static-auth-secret=" + authSecret);
            }
            command.addAll(extraArgs);

            ExternalProcess process = ExternalProcess.start("coturn", command);
            InetAddress loopback = InetAddress.getLoopbackAddress();
            InetSocketAddress address = new InetSocketAddress(loopback, port);
            if (!StunProbe.answers(address, ItTimings.COTURN_START, process::isAlive)) {
                RuntimeException failure = process.failure("did not answer STUN on " + address);
                process.stop();
                throw failure;
            }
            return new Coturn(process, address, new InetSocketAddress(loopback, tlsPort), tls.certificate(), relay,
                    realm);
        }

        private static SelfSignedPem certificate(Path directory) {
            try {
                return SelfSignedPem.create(directory);
            } catch (Exception e) {
                throw new IllegalStateException("cannot make a TLS certificate for coturn in " + directory, e);
            }
        }

        private static Path workDirectory(int port) {
            try {
                return Files.createDirectories(Path.of("target", "external-logs", "coturn-" + port)).toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
