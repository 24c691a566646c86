package dev.punchline.cli;

import dev.punchline.turn.TurnTimings;
import dev.punchline.turn.server.TurnServerConfig;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The relay's flag defaults, taken from the server's own so that --help never drifts from what runs. */
final class RelayDefaults implements IDefaultValueProvider {

    private static final Map<String, String> DEFAULTS = Map.of(
            "--listen", "0.0.0.0:" + TurnServerConfig.DEFAULT_PORT,
            "--ports", TurnServerConfig.DEFAULT_MIN_RELAY_PORT + "-" + TurnServerConfig.DEFAULT_MAX_RELAY_PORT,
            "--realm", TurnServerConfig.DEFAULT_REALM,
            "--quota", String.valueOf(TurnServerConfig.DEFAULT_USER_QUOTA),
            "--max-bps", "0",
            "--max-connections-per-ip", String.valueOf(TurnServerConfig.DEFAULT_MAX_CONNECTIONS_PER_IP),
            "--max-request-rate-per-ip", String.valueOf(TurnServerConfig.DEFAULT_MAX_REQUEST_RATE_PER_IP),
            "--max-lifetime", String.valueOf(TurnTimings.MAX_ALLOCATION_LIFETIME.toSeconds()));

    @Override
    public String defaultValue(ArgSpec argument) {
        return argument instanceof OptionSpec option ? DEFAULTS.get(option.longestName()) : null;
    }
}
