package dev.punchline.ice.control;

import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.AbstractCandidateHarvester;
import org.ice4j.socket.IceSocketWrapper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Host candidates from our own sockets (with {@code setUseDynamicPorts(false)} ice4j binds none of its
 * own). ice4j runs host harvesters synchronously inside {@code createComponent}; this one does no I/O.
 * Each candidate's STUN socket is registered with the Agent's STUN stack, which ice4j does not do itself.
 */
final class EndpointHostHarvester extends AbstractCandidateHarvester {

    private final List<IceSocketWrapper> sockets;
    private final List<HostCandidate> harvested = new ArrayList<>();

    EndpointHostHarvester(List<IceSocketWrapper> sockets) {
        this.sockets = List.copyOf(sockets);
    }

    @Override
    public boolean isHostHarvester() {
        return true;
    }

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        List<LocalCandidate> added = new ArrayList<>();
        for (IceSocketWrapper socket : sockets) {
            HostCandidate candidate = new HostCandidate(socket, component);
            if (component.addLocalCandidate(candidate)) {
                component.getParentStream().getParentAgent().getStunStack().addSocket(socket);
                harvested.add(candidate);
                added.add(candidate);
            }
        }
        return added;
    }

    /** The host candidates made, in endpoint order. */
    List<HostCandidate> harvested() {
        return List.copyOf(harvested);
    }
}
