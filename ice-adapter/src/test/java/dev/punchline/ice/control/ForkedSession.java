package dev.punchline.ice.control;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Run in a JVM of its own by {@link ForkedJvmExitTest}: one session that completes and closes, then main
 * returns. Whatever keeps the JVM alive after that line is a leak.
 */
public final class ForkedSession {

    private ForkedSession() {
    }

    public static void main(String[] args) throws Exception {
        // The application's sockets, on daemon threads it keeps for its life: shutting a Netty group down would
        // start Netty's own non-daemon GlobalEventExecutor thread for a second, which is not ours to measure.
        NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("forked-udp", true));
        try (TestEndpoint endpointA = TestEndpoint.open(group); TestEndpoint endpointB = TestEndpoint.open(group)) {
            Recorder a = new Recorder("A");
            Recorder b = new Recorder("B");
            IceController controlling = IceController.start(ControlFixture.config(IceRole.CONTROLLING, endpointA)
                    .build(), a);
            IceController controlled = IceController.start(ControlFixture.config(IceRole.CONTROLLED, endpointB)
                    .build(), b);
            endpointA.serve(controlling);
            endpointB.serve(controlled);
            ControlFixture.wire(a, controlling, b, controlled);
            ControlFixture.awaitSelected(a, b);
            System.out.println("selected");
            controlling.close();
            controlled.close();
        }
        System.out.println("closed");
        System.out.println("non-daemon threads left: " + Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isDaemon() && t != Thread.currentThread()).map(Thread::getName).toList());
    }
}
