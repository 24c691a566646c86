package dev.punchline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code punchline} command: one subcommand per job. */
@Command(name = "punchline",
        mixinStandardHelpOptions = true,
        versionProvider = PunchlineVersion.class,
        usageHelpWidth = 100,
        description = "Relay-first, low-latency NAT traversal.",
        subcommands = {RelayCommand.class})
public final class Punchline implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // Netty samples buffers for leak reports by default, taking a stack trace each time: two A/B runs of
        // ./bench relay measured 2-5 % of a busy relay's CPU. Tests keep it on; an explicit -D still wins.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command tree with Punchline's error handling; tests run it in-process. */
    public static CommandLine commandLine() {
        OneLineErrors errors = new OneLineErrors();
        return new CommandLine(new Punchline())
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (see punchline --help)");
    }
}
