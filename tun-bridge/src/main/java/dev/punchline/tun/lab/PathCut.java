package dev.punchline.tun.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A cut in the direct path between two hosts on different sites: the internet router drops packets whose source
 * and destination are the two hosts' public addresses (IPv4: their NAT routers'; IPv6: their own), in one direction
 * or both. Traffic between either host and anyone else, a relay included, still passes, so a session can fall back
 * to its relay. Hosts behind the same NAT share a public address: cutting one of them cuts its neighbours too.
 * {@link #restore} (or {@link #close}) heals it.
 */
public final class PathCut implements AutoCloseable {

    private final String internetNamespace;
    private final List<String> elements4;
    private final List<String> elements6;
    private final Set<String> activeCuts;
    private final String description;
    private boolean restored;

    private PathCut(String internetNamespace, List<String> elements4, List<String> elements6, Set<String> activeCuts,
            String description) {
        this.internetNamespace = internetNamespace;
        this.elements4 = elements4;
        this.elements6 = elements6;
        this.activeCuts = activeCuts;
        this.description = description;
    }

    /**
     * Installs a cut, recording its pairs in {@code activeCuts} (the lab's, shared by all its cuts) so that two
     * cuts never claim the same pair: restoring one would heal the other.
     */
    static PathCut install(String internetNamespace, Host from, Host to, CutDirection direction, Set<String> activeCuts) {
        String from4 = from.publicAddress().getHostAddress();
        String to4 = to.publicAddress().getHostAddress();
        if (from4.equals(to4)) {
            throw new IllegalArgumentException(from.name() + " and " + to.name() + " share the public address "
                    + from4 + ": their direct path does not cross the internet");
        }
        String from6 = from.address6().getHostAddress();
        String to6 = to.address6().getHostAddress();
        List<String> elements4 = new ArrayList<>(List.of(from4 + " . " + to4));
        List<String> elements6 = new ArrayList<>(List.of(from6 + " . " + to6));
        if (direction == CutDirection.BOTH_WAYS) {
            elements4.add(to4 + " . " + from4);
            elements6.add(to6 + " . " + from6);
        }
        synchronized (activeCuts) {
            for (String element : elements4) {
                if (activeCuts.contains(element)) {
                    throw new IllegalStateException("the path " + element + " is already cut");
                }
            }
            PathCut cut = new PathCut(internetNamespace, elements4, elements6, activeCuts,
                    from.name() + (direction == CutDirection.BOTH_WAYS ? " <-> " : " -> ") + to.name());
            cut.apply("add");
            activeCuts.addAll(elements4);
            return cut;
        }
    }

    /** Lets the packets through again. Idempotent. */
    public void restore() {
        synchronized (activeCuts) {
            if (restored) {
                return;
            }
            apply("delete");
            activeCuts.removeAll(elements4);
            restored = true;
        }
    }

    @Override
    public void close() {
        restore();
    }

    @Override
    public String toString() {
        return "cut " + description + (restored ? " (restored)" : "");
    }

    private void apply(String verb) {
        String table = "inet " + RouterRules.FAULTS_TABLE + " ";
        String script = verb + " element " + table + RouterRules.CUTS4 + " { " + String.join(", ", elements4) + " }\n"
                + verb + " element " + table + RouterRules.CUTS6 + " { " + String.join(", ", elements6) + " }\n";
        LabCommands.inNamespace(internetNamespace, script, "nft", "-f", "-");
    }
}
