package dev.punchline.cli;

import dev.punchline.turn.TurnTimings;
import dev.punchline.turn.server.ListenAddress;
import dev.punchline.turn.server.TurnServer;
import dev.punchline.turn.server.TurnServerConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code punchline relay}: a TURN server (RFC 8656) until SIGTERM. */
@Command(name = "relay",
        mixinStandardHelpOptions = true,
        versionProvider = PunchlineVersion.class,
        usageHelpWidth = 100,
        defaultValueProvider = RelayDefaults.class,
        description = {
            "Runs a TURN relay (RFC 8656) that can stand in for coturn.",
            "Safe for the open Internet by default: credentials are required, and relaying to loopback, private, "
                    + "link-local, multicast and other special-purpose addresses is refused unless --allow-peer opens a range.",
            "Stops cleanly on SIGTERM or SIGINT (exit status 0). Bad flags exit with status 2."},
        footer = {"", "Example: punchline relay --user alice:CHANGE-ME --ports 49152-49999 --metrics 127.0.0.1:9641"})
final class RelayCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RelayCommand.class);

    /** The server configuration's setting names (its error messages start with them) and the flags that set them. */
    private static final Map<String, String> FLAG_OF_SETTING = flagsOfSettings();
    private static final Pattern SETTING_NAMES = Pattern.compile("(?<![-\\w])(" + String.join("|", FLAG_OF_SETTING.keySet()) + ")\\b");

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "[tcp:|tls:]HOST:PORT", converter = ListenAddressConverter.class,
            description = {"Where clients reach the relay; repeatable. UDP unless prefixed tcp: or tls:; "
                    + "IPv6 in brackets, e.g. tcp:[::]:3478. A UDP wildcard is bound once per local address at start. "
                    + "Default: ${DEFAULT-VALUE}."})
    List<ListenAddress> listen = new ArrayList<>();

    @Option(names = "--relay-ip", paramLabel = "IP", converter = IpAddressConverter.class,
            description = {"Address relayed traffic leaves from and peers send to; one per address family. "
                    + "Default: the specific --listen addresses; with only wildcard ones, the address of the route to the Internet."})
    List<InetAddress> relayIps = new ArrayList<>();

    @Option(names = "--external-ip", paramLabel = "IP", converter = IpAddressConverter.class,
            description = {"Public address to advertise instead of the --relay-ip of its family (server behind a 1:1 NAT); "
                    + "one per address family."})
    List<InetAddress> externalIps = new ArrayList<>();

    @Option(names = "--ports", paramLabel = "MIN-MAX", converter = PortRange.Converter.class,
            description = {"UDP ports for relayed addresses. Default: ${DEFAULT-VALUE}."})
    PortRange ports;

    @Option(names = "--realm", paramLabel = "REALM", description = {"Realm of the long-term credentials. Default: ${DEFAULT-VALUE}."})
    String realm;

    @Option(names = "--user", paramLabel = "NAME:PASSWORD", converter = UserCredential.Converter.class,
            description = {"A static user; repeatable. Visible in ps: prefer --user-file on shared machines."})
    List<UserCredential> users = new ArrayList<>();

    @Option(names = "--user-file", paramLabel = "FILE",
            description = {"Static users, one NAME:PASSWORD per line ('#' starts a comment line)."})
    Path userFile;

    @Option(names = "--auth-secret", paramLabel = "SECRET",
            description = {"TURN REST API shared secret (coturn's use-auth-secret): username EXPIRY:USER, "
                    + "password base64(HMAC-SHA1(SECRET, username)). Visible in ps: prefer --auth-secret-file."})
    String authSecret;

    @Option(names = "--auth-secret-file", paramLabel = "FILE", description = {"Reads the --auth-secret from the first line of FILE."})
    Path authSecretFile;

    @Option(names = "--allow-peer", paramLabel = "CIDR",
            description = {"Opens a range of peer addresses otherwise refused (e.g. 10.0.0.0/8, fd00::/8); repeatable."})
    List<String> allowedPeers = new ArrayList<>();

    @Option(names = "--quota", paramLabel = "N", description = {"Allocations one user may hold at once. Default: ${DEFAULT-VALUE}."})
    int quota;

    @Option(names = "--max-bps", paramLabel = "N",
            description = {"Bandwidth cap per allocation and direction, in bits per second; 0 = none. Default: ${DEFAULT-VALUE}."})
    long maxBitsPerSecond;

    @Option(names = "--max-connections-per-ip", paramLabel = "N",
            description = {"TCP and TLS connections one client address (an IPv6 /64) may hold at once; raise it when many "
                    + "clients share one NAT. Default: ${DEFAULT-VALUE}."})
    int maxConnectionsPerIp;

    @Option(names = "--max-request-rate-per-ip", paramLabel = "N",
            description = {"Requests a second one client address (an IPv6 /64) may send before it holds an "
                    + "allocation; more are dropped. 0 = no limit. Default: ${DEFAULT-VALUE}."})
    int maxRequestRatePerIp;

    @Option(names = "--max-lifetime", paramLabel = "SECONDS",
            description = {"Longest allocation lifetime granted to a request. Default: ${DEFAULT-VALUE}."})
    long maxLifetimeSeconds;

    @Option(names = "--metrics", paramLabel = "HOST:PORT", converter = SocketAddressConverter.class,
            description = {"Serve Prometheus metrics at http://HOST:PORT/metrics. Default: off."})
    InetSocketAddress metrics;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = {"Certificate chain for tls: listeners."})
    Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "PEM", description = {"PKCS#8 private key for tls: listeners."})
    Path tlsPrivateKey;

    @Override
    public Integer call() throws Exception {
        // The server logs what it listens on and each allocation; start failures (a port in use) exit with 1.
        RunUntilStopped.run("relay", TurnServer.start(configuration()));
        return 0;
    }

    /** The validated configuration; any problem becomes a usage error naming the flag. */
    TurnServerConfig configuration() {
        try {
            TurnServerConfig.Builder builder = TurnServerConfig.builder()
                    .portRange(ports.min(), ports.max())
                    .realm(realm)
                    .userQuota(quota)
                    .maxBitsPerSecond(maxBitsPerSecond)
                    .maxConnectionsPerIp(maxConnectionsPerIp)
                    .maxRequestRatePerIp(maxRequestRatePerIp)
                    .metrics(metrics)
                    .tlsCertificate(tlsCertificate)
                    .tlsPrivateKey(tlsPrivateKey);
            listen.forEach(builder::listen);
            relayIps.forEach(builder::relayIp);
            externalIps.forEach(builder::externalIp);
            allowedPeers.forEach(builder::allowPeer);
            setLifetimes(builder);
            setCredentials(builder);
            if (relayIps.isEmpty() && listen.stream().allMatch(address -> address.address().getAddress().isAnyLocalAddress())) {
                guessRelayIps(builder);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), inFlagNames(e.getMessage()));
        }
    }

    private void setLifetimes(TurnServerConfig.Builder builder) {
        Duration max = Duration.ofSeconds(maxLifetimeSeconds);
        builder.maxLifetime(max);
        // A lower --max-lifetime also lowers the lifetime granted when a client asks for none.
        if (max.compareTo(TurnTimings.DEFAULT_ALLOCATION_LIFETIME) < 0 && maxLifetimeSeconds > 0) {
            builder.defaultLifetime(max);
        }
    }

    private void setCredentials(TurnServerConfig.Builder builder) {
        List<UserCredential> all = new ArrayList<>(users);
        if (userFile != null) {
            all.addAll(CredentialFiles.users("--user-file", userFile));
        }
        all.forEach(user -> builder.user(user.name(), user.password()));
        if (authSecret != null && authSecretFile != null) {
            throw new IllegalArgumentException("--auth-secret-file: give either it or --auth-secret, not both");
        }
        String secret = authSecretFile != null ? CredentialFiles.secret("--auth-secret-file", authSecretFile) : authSecret;
        if (secret != null) {
            builder.authSecret(secret);
        }
        if (all.isEmpty() && secret == null) {
            throw new IllegalArgumentException("--user or --auth-secret: at least one is required (an open relay is never the default)");
        }
    }

    private void guessRelayIps(TurnServerConfig.Builder builder) {
        listen.stream().map(address -> address.address().getAddress() instanceof Inet6Address).distinct().forEach(ipv6 ->
                DefaultRelayIp.of(ipv6).ifPresent(address -> {
                    LOG.info("relaying from {} (found by route; --relay-ip sets it)", address.getHostAddress());
                    builder.relayIp(address);
                }));
    }

    private static String inFlagNames(String message) {
        Matcher matcher = SETTING_NAMES.matcher(message);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(FLAG_OF_SETTING.get(matcher.group(1))));
        }
        return matcher.appendTail(out).toString();
    }

    private static Map<String, String> flagsOfSettings() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("listen", "--listen");
        flags.put("relayIp", "--relay-ip");
        flags.put("externalIp", "--external-ip");
        flags.put("portRange", "--ports");
        flags.put("realm", "--realm");
        flags.put("user", "--user");
        flags.put("authSecret", "--auth-secret");
        flags.put("allowPeer", "--allow-peer");
        flags.put("userQuota", "--quota");
        flags.put("maxBitsPerSecond", "--max-bps");
        flags.put("maxConnectionsPerIp", "--max-connections-per-ip");
        flags.put("maxRequestRatePerIp", "--max-request-rate-per-ip");
        flags.put("maxLifetime", "--max-lifetime");
        flags.put("defaultLifetime", "--max-lifetime");
        flags.put("metrics", "--metrics");
        flags.put("tlsCertificate", "--tls-cert");
        flags.put("tlsPrivateKey", "--tls-key");
        return flags;
    }
}
