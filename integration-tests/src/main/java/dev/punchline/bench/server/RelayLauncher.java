package dev.punchline.bench.server;

import java.nio.file.Path;
import java.util.List;

/** One kind of TURN server the benchmark can start as a process of its own. */
public interface RelayLauncher {

    /** A short name for tables and logs. */
    String name();

    /** The command line that runs the server with {@code setup}, logging to a file rather than the terminal. */
    List<String> command(RelaySetup setup);

    /** Where the server writes its log when run with {@code command(setup)}; its stdout and stderr go elsewhere. */
    Path logFile(RelaySetup setup);

    /** One line for the output: which program and version, and the settings that matter for speed. */
    String describe(RelaySetup setup);
}
