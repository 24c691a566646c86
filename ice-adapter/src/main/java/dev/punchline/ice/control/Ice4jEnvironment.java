package dev.punchline.ice.control;

import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Contains ice4j's process-wide side effects, once, before the first Agent exists:
 * <ul>
 *   <li>its configuration (typesafe config keys, read once at first use; {@code -D} settings win): no AWS
 *       metadata probe over HTTP, no mapping harvesters, no link-local addresses, no sockets of its own;</li>
 *   <li>its java.util.logging output, routed to SLF4J from the {@code org.ice4j}, {@code org.jitsi} and
 *       {@code JitsiConfig} loggers only (the application's own JUL setup is left alone), at WARNING unless
 *       {@value #LOG_LEVEL_PROPERTY} says otherwise (ice4j is chatty at INFO).</li>
 * </ul>
 * What cannot be contained: {@code new Agent()} sets {@code org.ice4j.ALWAYS_SIGN=true}.
 */
final class Ice4jEnvironment {

    /** A java.util.logging level name (SEVERE, WARNING, INFO, FINE...) for ice4j's loggers. */
    static final String LOG_LEVEL_PROPERTY = "punchline.ice4j.log-level";

    private static final Map<String, String> CONTAINED = containedSettings();
    /** jicoco's config loader logs under its simple name, outside the org.jitsi tree. */
    private static final List<String> BRIDGED_LOGGERS = List.of("org.ice4j", "org.jitsi", "JitsiConfig");

    /** java.util.logging holds loggers weakly: a configured logger that is collected forgets its setup. */
    private static final List<Logger> configured = new ArrayList<>();
    private static boolean ready;

    private Ice4jEnvironment() {
    }

    static synchronized void ensureReady() {
        if (ready) {
            return;
        }
        CONTAINED.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
        Level level = Level.parse(System.getProperty(LOG_LEVEL_PROPERTY, "WARNING"));
        for (String name : BRIDGED_LOGGERS) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(level);
            logger.setUseParentHandlers(false);
            logger.addHandler(new SLF4JBridgeHandler());
            configured.add(logger);
        }
        ready = true;
    }

    private static Map<String, String> containedSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        // The first Agent would otherwise probe http://169.254.169.254 for AWS instance metadata.
        settings.put("ice4j.harvest.mapping.aws.enabled", "false");
        settings.put("ice4j.harvest.mapping.aws.force", "false");
        // We gather host candidates from our own sockets; these keep ice4j's defaults from adding any.
        settings.put("ice4j.harvest.use-link-local-addresses", "false");
        settings.put("ice4j.harvest.udp.use-dynamic-ports", "false");
        return settings;
    }
}
