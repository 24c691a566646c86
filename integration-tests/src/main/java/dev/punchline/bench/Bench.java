package dev.punchline.bench;

import dev.punchline.bench.ice.IceBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./bench}: benchmarks of Punchline against the programs it stands in for. */
@Command(name = "bench", subcommands = {RelayBenchCommand.class, IceBenchCommand.class},
        description = "Benchmarks of Punchline against the programs it stands in for, on this machine.")
public final class Bench implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    public static void main(String[] args) {
        // The TURN client logs every allocation it makes; a benchmark makes thousands, and its own output says enough.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark, e.g. ./bench relay");
    }
}
