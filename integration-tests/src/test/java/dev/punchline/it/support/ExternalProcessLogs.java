package dev.punchline.it.support;

import dev.punchline.tun.process.ExternalProcess;

import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a test fails, prints the log tail of every external program its class started, so the
 * report shows what coturn (or whichever program) said, not only the assertion. Registered for
 * every test of this module through JUnit's extension auto-detection (see junit-platform.properties).
 */
public final class ExternalProcessLogs implements BeforeAllCallback, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ExternalProcessLogs.class);
    private static final String FIRST_STARTED = "firstStarted";

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(FIRST_STARTED, ExternalProcess.startedCount());
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Integer first = context.getStore(NAMESPACE).get(FIRST_STARTED, Integer.class);
        List<ExternalProcess> started = ExternalProcess.startedSince(first == null ? 0 : first);
        for (ExternalProcess process : started) {
            System.err.println("===== " + context.getDisplayName() + " failed; output of " + process + " =====");
            System.err.println(process.describe());
        }
    }
}
