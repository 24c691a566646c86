package dev.punchline.tun.lab;

import dev.punchline.tun.process.ExternalProcess;
import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * One emulated machine of a {@link Lab}: a network namespace with one interface, {@code eth0}, its addresses and a
 * default route (towards its site router, or the internet for a public host). Code runs on it in two ways: a
 * process started in its namespace ({@link #start}), or, far cheaper than a JVM per host, Java code in this JVM on
 * a thread inside its namespace ({@link #runInNamespace}, {@link #openUdpSocket}). Everything started or opened
 * through a host ends when the lab is closed.
 */
public final class Host {

    private final HostPlan plan;
    private final NetworkNamespace namespace;
    private final List<ExternalProcess> processes = new CopyOnWriteArrayList<>();
    private final List<Closeable> sockets = new CopyOnWriteArrayList<>();

    Host(HostPlan plan, NetworkNamespace namespace) {
        this.plan = plan;
        this.namespace = namespace;
    }

    public String name() {
        return plan.name();
    }

    /** The full network namespace name, for {@code ip netns exec NAME ...}. */
    public String namespace() {
        return namespace.name();
    }

    /** Its IPv4 address on its own LAN (private behind a NAT, public on the internet). */
    public InetAddress address() {
        return literal(plan.address4());
    }

    /** Its global IPv6 address: no NAT for IPv6, only its site's stateful firewall. */
    public InetAddress address6() {
        return literal(plan.address6());
    }

    /** The IPv4 address the internet sees its packets from: its site's outermost NAT router, or its own. */
    public InetAddress publicAddress() {
        return literal(plan.public4());
    }

    /** Its site's name; empty for a public host. */
    public Optional<String> site() {
        return Optional.ofNullable(plan.site());
    }

    /**
     * Starts {@code command} inside this host's namespace ({@code ip netns exec}); its output goes to a log file
     * named after the host and {@code name}. It is stopped (SIGTERM, then SIGKILL) when the lab closes.
     */
    public ExternalProcess start(String name, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace()));
        full.addAll(command);
        ExternalProcess process = ExternalProcess.start(name() + "-" + name, full);
        processes.add(process);
        return process;
    }

    public ExternalProcess start(String name, String... command) {
        return start(name, List.of(command));
    }

    /** Starts a JVM on this host running {@code mainClass} with this JVM's java binary and class path. */
    public ExternalProcess startJava(String name, String mainClass, String... arguments) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(arguments));
        return start(name, command);
    }

    /**
     * Kills a process started here as a crash would (SIGKILL, no grace) and starts the same command again: the
     * server-restart fault. The lab tracks the new process instead of the old one.
     */
    public ExternalProcess restart(ExternalProcess process) {
        process.kill();
        processes.remove(process);
        ExternalProcess restarted = process.restart();
        processes.add(restarted);
        return restarted;
    }

    /**
     * Runs {@code task} on this host's namespace thread and returns its result. Sockets it creates live in this
     * host's namespace; so do threads it starts. Tasks run one at a time: keep them short (open, bind, connect),
     * then use what they return from any thread.
     */
    public <T> T runInNamespace(Callable<T> task) throws Exception {
        return namespace.call(task);
    }

    /** Threads that run inside this host's namespace: for an executor or a Netty event loop group of a server here. */
    public ThreadFactory threadFactory(String threadName) {
        return namespace.threadFactory(threadName);
    }

    /** A UDP socket of this host bound to {@code port} (0: any) on every address; the lab closes it on teardown. */
    public DatagramSocket openUdpSocket(int port) {
        DatagramSocket socket = namespace.callUnchecked("opening a UDP socket", () -> {
            DatagramSocket opened = new DatagramSocket(null);
            opened.bind(new InetSocketAddress(port));
            return opened;
        });
        sockets.add(socket);
        return socket;
    }

    /** The command that opens a shell on this host. */
    public String shellCommand() {
        return "ip netns exec " + namespace() + " bash";
    }

    @Override
    public String toString() {
        return name() + "[" + plan.address4() + ", " + plan.address6() + ", public " + plan.public4() + "]";
    }

    /** Processes started here, for the lab's teardown. */
    List<ExternalProcess> processes() {
        return List.copyOf(processes);
    }

    /** Closes the sockets opened through this host. */
    void closeSockets() {
        for (Closeable socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a UDP socket does not fail in a way worth reporting at teardown.
            }
        }
        sockets.clear();
    }

    static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address literal: " + address, e);
        }
    }
}
