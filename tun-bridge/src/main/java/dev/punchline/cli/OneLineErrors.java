package dev.punchline.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every error into one line on stderr, {@code punchline relay: --ports: expected MIN-MAX, got "abc"}:
 * usage errors (a bad flag or value, an invalid configuration) exit with status 2, failures at
 * run time (a port already in use) with 1. An operator reading a service log wants the cause,
 * not picocli's usage text or a stack trace.
 */
final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OneLineErrors.class);

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        print(command, describe(ex));
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        print(command, ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName());
        LOG.debug("failure", ex);
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    private static String describe(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            String what = first.startsWith("-") ? "unknown option" : "unexpected argument";
            String hint = unmatched.getSuggestions().isEmpty() ? "" : " (did you mean " + unmatched.getSuggestions().get(0) + "?)";
            return first + ": " + what + hint;
        }
        if (ex instanceof MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return option.longestName() + ": missing value " + option.paramLabel();
        }
        if (ex.getArgSpec() instanceof OptionSpec option && ex.getCause() instanceof TypeConversionException conversion) {
            return option.longestName() + ": " + conversion.getMessage();
        }
        return ex.getMessage();
    }

    private static void print(CommandLine command, String message) {
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + message.replaceAll("\\s*\\R\\s*", " "));
        err.flush();
    }
}
