package dev.punchline.bench.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One kind of TURN server the benchmark can start as a process of its own. */
public interface RelayLauncher {

    /** A short name for tables and logs. */
    String name();

    /** The command line that runs the server with {@code setup}, logging to a file rather than the terminal. */
    List<String> command(RelaySetup setup);

    /** The log file the server writes itself when run with {@code command(setup)}, if any, beside its output. */
    Optional<Path> ownLogFile(RelaySetup setup);

    /** One line for the output: which program and version, and the settings that matter for speed. */
    String describe(RelaySetup setup);
}
