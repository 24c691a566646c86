package dev.punchline.ice.control;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real loopback sockets and controllers for a test, all closed after it (controllers first, so that no
 * Agent outlives the sockets it bridges).
 */
abstract class ControlFixture {

    /** Generous: the machine these run on is heavily loaded. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("test-udp", true));
    private final List<IceController> controllers = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    TestEndpoint endpoint() throws InterruptedException {
        return keep(TestEndpoint.open(group));
    }

    <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    /** Starts a controller over {@code endpoint} (which hands it its STUN). */
    IceController start(IceControllerConfig config, Recorder recorder, TestEndpoint... endpoints) {
        IceController controller = IceController.start(config, recorder);
        controllers.add(controller);
        for (TestEndpoint endpoint : endpoints) {
            endpoint.serve(controller);
        }
        return controller;
    }

    static IceControllerConfig.Builder config(IceRole role, TestEndpoint endpoint) {
        return IceControllerConfig.builder(role).endpoint(endpoint.local());
    }

    /** Both recorders play signalling for each other. */
    static void wire(Recorder a, IceController ca, Recorder b, IceController cb) {
        a.wireTo(cb);
        b.wireTo(ca);
    }

    static void awaitSelected(Recorder... recorders) {
        for (Recorder recorder : recorders) {
            Await.until(PATIENCE, () -> recorder.lastSelection() != null, recorder::toString);
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (IceController controller : controllers) {
            controller.close();
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
    }
}
