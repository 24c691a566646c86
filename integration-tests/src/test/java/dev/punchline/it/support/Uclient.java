package dev.punchline.it.support;

import dev.punchline.tun.process.ExternalProcess;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * coturn's own TURN client, {@code turnutils_uclient}, running one load of sessions against a TURN server (LAB.md
 * has the checked command lines). Each session allocates, binds a channel or uses Send indications, sends its
 * messages to a peer through the relay and counts the echoes that come back. It is rate-capped (a conformance and
 * moderate-load client), and every session waits a random 1 to 6 s before its first packet.
 */
public final class Uclient extends ExternalProgram {

    private Uclient(ExternalProcess process) {
        super(process);
    }

    /** A run against {@code server} (UDP, or TCP with {@link Builder#tcp()}). */
    public static Builder against(InetSocketAddress server) {
        return new Builder(server);
    }

    /**
     * Waits for the run to end and returns its final report; fails with uclient's log when it exits with an error
     * (a refused request ends it with status 255) or does not end within {@code timeout}.
     */
    public UclientReport awaitReport(Duration timeout) {
        int status = process().waitForExit(timeout);
        if (status != 0) {
            throw process().failure("exited with status " + status);
        }
        try {
            return UclientReport.parse(process().output());
        } catch (AssertionError e) {
            throw process().failure(e.getMessage());
        }
    }

    /** What to run; credentials and a peer (or client-to-client) are needed. */
    public static final class Builder {
        private final InetSocketAddress server;
        private final List<String> flags = new ArrayList<>();
        private final List<String> credentials = new ArrayList<>();
        private final List<String> peer = new ArrayList<>();
        private int sessions = 1;
        private int messages = 5;
        private int messageLength = 100;
        private int intervalMillis = 20;

        private Builder(InetSocketAddress server) {
            this.server = server;
        }

        /** Long-term credentials of a static user ({@code -u NAME -w PASSWORD}). */
        public Builder user(String name, String password) {
            credentials.clear();
            credentials.addAll(List.of("-u", name, "-w", password));
            return this;
        }

        /** TURN REST API credentials that uclient derives from the shared secret ({@code -u NAME -W SECRET}). */
        public Builder restUser(String name, String secret) {
            credentials.clear();
            credentials.addAll(List.of("-u", name, "-W", secret));
            return this;
        }

        /** TCP to the server ({@code -t}); UDP otherwise. */
        public Builder tcp() {
            flags.add("-t");
            return this;
        }

        /** Send and Data indications ({@code -s}); channels (ChannelBind and ChannelData) otherwise. */
        public Builder sendIndications() {
            flags.add("-s");
            return this;
        }

        /** An IPv6 relayed address ({@code -x}). */
        public Builder ipv6Relay() {
            flags.add("-x");
            return this;
        }

        /** The echo peer, reached through the relay ({@code -e IP -r PORT}). */
        public Builder peer(String ip, int port) {
            peer.clear();
            peer.addAll(List.of("-e", ip, "-r", String.valueOf(port)));
            return this;
        }

        /** Sessions paired with each other through two allocations of the server ({@code -y}), instead of a peer. */
        public Builder clientToClient() {
            peer.clear();
            peer.add("-y");
            return this;
        }

        /** {@code -m}: sessions (allocations) at once; each one's RTCP twin counts as one. */
        public Builder sessions(int count) {
            this.sessions = count;
            return this;
        }

        /** {@code -n}: messages each session sends. */
        public Builder messages(int count) {
            this.messages = count;
            return this;
        }

        /** {@code -l}: bytes per message. */
        public Builder messageLength(int bytes) {
            this.messageLength = bytes;
            return this;
        }

        /** {@code -z}: milliseconds between one session's messages. */
        public Builder intervalMillis(int millis) {
            this.intervalMillis = millis;
            return this;
        }

        /**
         * Starts the run and returns at once; {@link #awaitReport} waits for it. Skips the test (fails it under
         * CI=true) when turnutils_uclient is not installed.
         */
        public Uclient start(String name) {
            Requirements.requireCommand("turnutils_uclient");
            if (credentials.isEmpty() || peer.isEmpty()) {
                throw new IllegalStateException("uclient needs credentials and a peer (or client-to-client)");
            }
            List<String> command = new ArrayList<>(List.of("turnutils_uclient"));
            command.addAll(flags);
            command.addAll(credentials);
            command.addAll(peer);
            command.addAll(List.of("-m", String.valueOf(sessions), "-n", String.valueOf(messages),
                    "-l", String.valueOf(messageLength), "-z", String.valueOf(intervalMillis),
                    "-p", String.valueOf(server.getPort()), server.getAddress().getHostAddress()));
            return new Uclient(ExternalProcess.start(name, command));
        }
    }
}
