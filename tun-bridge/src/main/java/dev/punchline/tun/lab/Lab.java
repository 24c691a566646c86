package dev.punchline.tun.lab;

import dev.punchline.tun.LinuxTunDevice;
import dev.punchline.tun.process.ExternalProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NAT lab, up: real Linux routers in network namespaces built from a {@link Topology}. Every packet between two
 * sites or public hosts crosses one "internet" router, which runs the {@link WanEmulator} and drops whatever is
 * addressed to private, carrier-grade-NAT or unknown ranges silently (they are routed into a sink), as the Internet
 * does; nothing is routed out of the lab. Namespace names start with a per-run {@link LabPrefix}.
 *
 * <p>{@link #close} removes everything: processes, sockets and threads it started, the TUN device, the namespaces
 * and with them every veth, address, route and nftables table, which all live inside them. A shutdown hook does
 * the same if the JVM exits with the lab up; a stale-lab sweep before this JVM's first lab removes what a killed
 * JVM could not. The machine's own interfaces, routes and firewall are never touched: veth pairs are created
 * straight inside their namespaces.
 */
public final class Lab implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lab.class);
    private static final String WAN_DEVICE = "dly";
    /** Enough queue in the kernel for a burst while the emulator's reader catches up (the TUN default is 500). */
    private static final int WAN_DEVICE_QUEUE = 10_000;

    private final Topology topology;
    private final LabPrefix prefix;
    private final LabPlan plan;
    private final Map<String, NetworkNamespace> namespaces = new LinkedHashMap<>();
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, Site> sites = new LinkedHashMap<>();
    private final Set<String> activeCuts = new HashSet<>();
    private WanEmulator wan;
    private Duration buildTime;
    private boolean closed;

    private Lab(Topology topology, LabPrefix prefix, LabPlan plan) {
        this.topology = topology;
        this.prefix = prefix;
        this.plan = plan;
        plan.namespaces.forEach(name -> namespaces.put(name, new NetworkNamespace(prefix.namespace(name))));
        plan.hosts.forEach(host -> hosts.put(host.name(), new Host(host, namespaces.get(host.name()))));
        plan.sites.forEach(site -> sites.put(site.name(),
                new Site(site, prefix, site.hosts().stream().map(hosts::get).toList())));
    }

    /**
     * Builds the lab. Needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN), {@code ip}, {@code nft} and {@code /dev/net/tun};
     * {@code conntrack} for rebinding.
     *
     * @throws LabException naming the step that failed, with the tool's output; whatever was built is torn down
     */
    public static Lab build(Topology topology) {
        StaleLabSweep.sweepOnce();
        LabPrefix prefix = LabPrefix.next();
        Lab lab = new Lab(topology, prefix, LabPlan.of(topology, prefix));
        OpenLabs.add(lab);
        try {
            lab.create();
        } catch (RuntimeException | Error e) {
            try {
                lab.close();
            } catch (RuntimeException teardown) {
                e.addSuppressed(teardown);
            }
            throw e;
        }
        return lab;
    }

    private void create() {
        long started = System.nanoTime();
        LabCommands.ipBatch(plan.namespaces.stream().map(name -> "netns add " + prefix.namespace(name)).toList());
        inEveryNamespace(this::writeSysctls);
        LabCommands.ipBatch(plan.veths);
        inEveryNamespace(this::configure);
        startWan();
        buildTime = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("lab {} up in {} ms: {} namespaces, {}", prefix, buildTime.toMillis(), namespaces.size(), topology);
    }

    private interface NamespaceStep {
        void run(String shortName) throws Exception;
    }

    private void inEveryNamespace(NamespaceStep step) {
        List<Callable<?>> tasks = new ArrayList<>();
        for (String name : plan.namespaces) {
            tasks.add(() -> {
                step.run(name);
                return null;
            });
        }
        LabCommands.parallel(tasks);
    }

    /** Written from the namespace's own thread: {@code /proc/sys/net} shows the namespace of the thread opening it. */
    private void writeSysctls(String name) {
        namespaces.get(name).callUnchecked("writing sysctls", () -> {
            for (Map.Entry<String, String> sysctl : plan.sysctls.get(name).entrySet()) {
                Files.writeString(Path.of("/proc/sys/net", sysctl.getKey()), sysctl.getValue());
            }
            return null;
        });
    }

    private void configure(String name) {
        LabCommands.ipBatch(prefix.namespace(name), plan.ip.get(name));
        String rules = plan.nft.get(name);
        if (rules != null) {
            LabCommands.inNamespace(prefix.namespace(name), rules, "nft", "-f", "-");
        }
    }

    private void startWan() {
        NetworkNamespace internet = namespaces.get(AddressPlan.INTERNET);
        LinuxTunDevice device = internet.callUnchecked("creating the WAN emulator's TUN device",
                () -> LinuxTunDevice.open(WAN_DEVICE));
        wan = WanEmulator.start(device, topology.wan(), prefix.toString());
        int table = AddressPlan.WAN_TABLE;
        List<String> lines = new ArrayList<>(List.of(
                "link set " + WAN_DEVICE + " mtu " + WanEmulator.MTU + " txqueuelen " + WAN_DEVICE_QUEUE + " up",
                "route add 0.0.0.0/0 dev " + WAN_DEVICE + " table " + table,
                "route add ::/0 dev " + WAN_DEVICE + " table " + table));
        for (String link : plan.wanLinks) {
            lines.add("rule add iif " + link + " table " + table);
            // "from ::/0" makes it an IPv6 rule: a batch line cannot carry ip's -6 option.
            lines.add("rule add from ::/0 iif " + link + " table " + table);
        }
        LabCommands.ipBatch(internetNamespace(), lines);
    }

    public Topology topology() {
        return topology;
    }

    /** The prefix of every namespace of this lab, e.g. {@code pl4242-1-}. */
    public LabPrefix prefix() {
        return prefix;
    }

    /** @throws NoSuchElementException when the topology has no such host */
    public Host host(String name) {
        Host host = hosts.get(name);
        if (host == null) {
            throw new NoSuchElementException("no host " + name + " in " + topology);
        }
        return host;
    }

    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    /** @throws NoSuchElementException when the topology has no such site */
    public Site site(String name) {
        Site site = sites.get(name);
        if (site == null) {
            throw new NoSuchElementException("no site " + name + " in " + topology);
        }
        return site;
    }

    public List<Site> sites() {
        return List.copyOf(sites.values());
    }

    /** Full names of every namespace of the lab: hosts, routers, the internet and the sink. */
    public List<String> namespaces() {
        return plan.namespaces.stream().map(prefix::namespace).toList();
    }

    /** The internet router's namespace. */
    public String internetNamespace() {
        return prefix.namespace(AddressPlan.INTERNET);
    }

    public WanEmulator wan() {
        return wan;
    }

    /** How long {@link #build} took from the first namespace to the running WAN emulator. */
    public Duration buildTime() {
        return buildTime;
    }

    /**
     * Cuts the direct path between two hosts on different sites, both ways or only from {@code from} to {@code to}
     * (see {@link PathCut}); restore it through the returned handle.
     */
    public PathCut cut(Host from, Host to, CutDirection direction) {
        return PathCut.install(internetNamespace(), from, to, direction, activeCuts);
    }

    /** Rebinds every NAT router between {@code host} and the internet (see {@link Site#rebind}). */
    public void rebind(Host host) {
        site(host.site().orElseThrow(() -> new IllegalArgumentException(host.name() + " is behind no NAT"))).rebind();
    }

    /**
     * Leaves the lab up after this JVM, for poking around: the exit hook no longer tears it down (an explicit
     * {@link #close} still does). Its namespaces, addresses, routes and firewall rules stay; programs started on its
     * hosts, sockets and the WAN emulator end with the JVM (traffic then crosses the internet undelayed). Returns
     * how to enter and remove it.
     */
    public String keep() {
        OpenLabs.remove(this);
        return inspectionHint();
    }

    /** How to enter this lab's hosts and how to remove the lab by hand. */
    public String inspectionHint() {
        StringBuilder hint = new StringBuilder("lab " + prefix + " (" + topology + ")\n");
        hint.append("  enter a host:  ");
        hosts.values().stream().findFirst().ifPresent(host -> hint.append(host.shellCommand()));
        hint.append("\n  namespaces:    ").append(String.join(" ", namespaces()));
        hint.append("\n  WAN emulator:  device ").append(WAN_DEVICE).append(" in ").append(internetNamespace());
        hint.append("\n  remove it:     for ns in $(ip netns list | awk '/^").append(prefix)
                .append("/ {print $1}'); do ip netns pids $ns | xargs -r kill -9; ip netns delete $ns; done");
        hint.append("\n  (the next lab run removes it by itself once this JVM has exited)");
        return hint.toString();
    }

    /** Tears everything down (see the class comment). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OpenLabs.remove(this);
        long started = System.nanoTime();
        List<RuntimeException> failures = new ArrayList<>();
        if (wan != null) {
            attempt(failures, wan::close);
        }
        List<Callable<?>> stops = new ArrayList<>();
        for (Host host : hosts.values()) {
            for (ExternalProcess process : host.processes()) {
                stops.add(() -> {
                    process.stop();
                    return null;
                });
            }
            host.closeSockets();
        }
        attempt(failures, () -> LabCommands.parallel(stops));
        namespaces.values().forEach(NetworkNamespace::close);
        attempt(failures, () -> NamespaceProcesses.killAll(namespaces()));
        attempt(failures, () -> NamespaceProcesses.deleteAll(namespaces()));
        LOG.info("lab {} torn down in {} ms", prefix, Duration.ofNanos(System.nanoTime() - started).toMillis());
        if (!failures.isEmpty()) {
            LabException failure = new LabException("tearing down lab " + prefix + " failed", failures.get(0));
            failures.subList(1, failures.size()).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    @Override
    public String toString() {
        return "lab " + prefix + " " + topology;
    }
}
