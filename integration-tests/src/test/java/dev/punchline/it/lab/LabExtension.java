package dev.punchline.it.lab;

import dev.punchline.it.support.Requirements;
import dev.punchline.tun.lab.Lab;
import dev.punchline.tun.lab.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Builds a NAT lab before a test class and tears it down after it. Register it on a static field, with the
 * topology the class needs:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LabExtension LAB = LabExtension.of(Topology.builder()
 *         .publicHost("relay")
 *         .site("home", NatKind.PORT_RESTRICTED, "alice")
 *         .build());
 * }</pre>
 *
 * Tests reach the lab through {@link #lab()} or a {@link Lab} parameter. Where a lab cannot be built (not root,
 * {@code ip}, {@code nft} or {@code conntrack} missing, no {@code /dev/net/tun}) the class is skipped with a message
 * saying what is missing, and fails instead under {@code CI=true}.
 *
 * <p>With {@code -Dlab.keep=true} or {@code PUNCHLINE_LAB_KEEP=1}, a class with a failed test leaves its lab up
 * after the run and prints how to enter and remove it.
 */
public final class LabExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher, ParameterResolver {

    public static final String KEEP_PROPERTY = "lab.keep";
    public static final String KEEP_VARIABLE = "PUNCHLINE_LAB_KEEP";

    private final Topology topology;
    private volatile Lab lab;
    private volatile boolean failed;

    private LabExtension(Topology topology) {
        this.topology = topology;
    }

    public static LabExtension of(Topology topology) {
        return new LabExtension(topology);
    }

    /** The lab of the running class. */
    public Lab lab() {
        if (lab == null) {
            throw new IllegalStateException("the lab is built before the class's tests; register LabExtension on a "
                    + "static field");
        }
        return lab;
    }

    /** Whether a failed class's lab is to be kept up: {@code -Dlab.keep=true} or {@code PUNCHLINE_LAB_KEEP=1}. */
    public static boolean keepRequested() {
        String variable = System.getenv(KEEP_VARIABLE);
        return Boolean.getBoolean(KEEP_PROPERTY)
                || variable != null && (variable.equals("1") || variable.toLowerCase(Locale.ROOT).equals("true"));
    }

    /** Skips (or fails under CI) unless this machine can build a lab. */
    public static void requireLab() {
        Requirements.requireRoot();
        Requirements.requireCommand("ip", "nft", "conntrack");
        Requirements.require(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun (TUN devices)");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        requireLab();
        failed = false;
        lab = Lab.build(topology);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Lab built = lab;
        lab = null;
        if (built == null) {
            return;
        }
        if (failed && keepRequested()) {
            System.out.println("===== " + context.getDisplayName() + " failed; its lab stays up =====\n" + built.keep());
        } else {
            built.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return lab();
    }
}
