package dev.punchline.it.lab;

import dev.punchline.tun.lab.Lab;
import dev.punchline.tun.lab.NatKind;
import dev.punchline.tun.lab.Topology;
import dev.punchline.tun.process.ExternalProcess;

/**
 * A JVM that builds a lab, starts a program on one of its hosts, says so and waits to be killed: the interrupted
 * build of {@link TeardownTest}.
 */
public final class LabChild {

    private LabChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Lab lab = Lab.build(Topology.builder()
                .publicHost("server")
                .site("home", NatKind.PORT_RESTRICTED, "alice")
                .build());
        ExternalProcess sleeper = lab.host("alice").start("sleeper", "sleep", "600");
        System.out.println("ready " + lab.prefix() + " " + sleeper.pid());
        Thread.sleep(Long.MAX_VALUE);
    }
}
