package dev.punchline.tun.lab;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link Lab} is made of, declared in a few lines:
 *
 * <pre>{@code
 * Topology.builder()
 *         .publicHost("relay")
 *         .site("home", NatKind.PORT_RESTRICTED, "alice", "alice2")
 *         .site("office", NatKind.SYMMETRIC, "bob")
 *         .wan(WanConditions.delay(Duration.ofMillis(20)))
 *         .build();
 * }</pre>
 *
 * Public hosts (servers, or peers without NAT) sit directly on the internet with public addresses; every site
 * attaches to the internet through its router. Names become network namespace and interface names, hence their
 * shape: a lower-case letter, then up to nine lower-case letters or digits, unique across hosts and sites.
 */
public final class Topology {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,9}");
    private static final Set<String> RESERVED = Set.of(AddressPlan.INTERNET, AddressPlan.SINK);

    private final List<String> publicHosts;
    private final List<SiteSpec> sites;
    private final WanConditions wan;

    private Topology(List<String> publicHosts, List<SiteSpec> sites, WanConditions wan) {
        this.publicHosts = List.copyOf(publicHosts);
        this.sites = List.copyOf(sites);
        this.wan = wan;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> publicHosts() {
        return publicHosts;
    }

    public List<SiteSpec> sites() {
        return sites;
    }

    /** The internet's conditions when the lab starts; {@link WanEmulator#set} changes them at run time. */
    public WanConditions wan() {
        return wan;
    }

    @Override
    public String toString() {
        return "Topology[public " + publicHosts + ", sites " + sites + ", wan " + wan + "]";
    }

    /** Collects the parts; {@link #build} checks names and sizes. */
    public static final class Builder {
        private final List<String> publicHosts = new ArrayList<>();
        private final List<SiteSpec> sites = new ArrayList<>();
        private WanConditions wan = WanConditions.NONE;

        private Builder() {
        }

        /** A host with a public address straight on the internet: a server, or a peer without NAT. */
        public Builder publicHost(String name) {
            publicHosts.add(name);
            return this;
        }

        /** A site: a router of {@code kind} and, on the LAN behind it, one host per name. */
        public Builder site(String name, NatKind kind, String... hosts) {
            sites.add(new SiteSpec(name, kind, List.of(hosts)));
            return this;
        }

        public Builder wan(WanConditions conditions) {
            this.wan = conditions;
            return this;
        }

        /** @throws IllegalArgumentException naming a bad or duplicate name, or a part beyond the address plan */
        public Topology build() {
            Set<String> names = new HashSet<>();
            publicHosts.forEach(name -> claim(names, name));
            for (SiteSpec site : sites) {
                claim(names, site.name());
                site.hosts().forEach(name -> claim(names, name));
                if (site.hosts().size() > AddressPlan.MAX_HOSTS_PER_SITE) {
                    throw new IllegalArgumentException("site " + site.name() + " has " + site.hosts().size()
                            + " hosts; at most " + AddressPlan.MAX_HOSTS_PER_SITE + " fit its LAN");
                }
            }
            if (publicHosts.size() > AddressPlan.MAX_ATTACHMENTS || sites.size() > AddressPlan.MAX_ATTACHMENTS) {
                throw new IllegalArgumentException("at most " + AddressPlan.MAX_ATTACHMENTS
                        + " public hosts and as many sites fit the address plan");
            }
            return new Topology(publicHosts, sites, wan);
        }

        private static void claim(Set<String> names, String name) {
            if (!NAME.matcher(name).matches() || RESERVED.contains(name)) {
                throw new IllegalArgumentException("bad name \"" + name
                        + "\": a lower-case letter, then up to nine lower-case letters or digits; not "
                        + RESERVED);
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("the name " + name + " is used twice");
            }
        }
    }
}
