package dev.punchline.tun.lab;

import java.net.InetAddress;
import java.util.List;

/** A site of a running {@link Lab}: its NAT router (two for a double NAT) and the hosts behind it. */
public final class Site {

    private final SitePlan plan;
    private final LabPrefix prefix;
    private final List<Host> hosts;

    Site(SitePlan plan, LabPrefix prefix, List<Host> hosts) {
        this.plan = plan;
        this.prefix = prefix;
        this.hosts = List.copyOf(hosts);
    }

    public String name() {
        return plan.name();
    }

    public NatKind kind() {
        return plan.kind();
    }

    public List<Host> hosts() {
        return hosts;
    }

    /** The address the internet sees every host of this site at. */
    public InetAddress publicAddress() {
        return Host.literal(plan.public4());
    }

    /** The full namespace names of its NAT routers, from the internet inwards. */
    public List<String> routerNamespaces() {
        return plan.routers().stream().map(prefix::namespace).toList();
    }

    /**
     * Rebinds the NAT: forgets every mapping and connection state of its routers ({@code conntrack -F}), as a NAT
     * reboot or a mapping timeout would. A host's next packet out gets a new public port, and packets from the
     * outside to the old mapping are dropped until the host sends again.
     */
    public void rebind() {
        for (String router : routerNamespaces()) {
            LabCommands.inNamespace(router, "", "conntrack", "-F");
        }
    }

    @Override
    public String toString() {
        return name() + "[" + kind() + ", public " + plan.public4() + ", hosts " + plan.hosts() + "]";
    }
}
