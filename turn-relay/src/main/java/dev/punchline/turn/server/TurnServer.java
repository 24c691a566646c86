package dev.punchline.turn.server;

import dev.punchline.turn.TurnTimings;
import dev.punchline.turn.server.allocation.AllocationRegistry;
import dev.punchline.turn.server.auth.Authenticator;
import dev.punchline.turn.server.auth.CompositeCredentials;
import dev.punchline.turn.server.auth.CredentialStore;
import dev.punchline.turn.server.auth.NonceManager;
import dev.punchline.turn.server.auth.RestSecretCredentials;
import dev.punchline.turn.server.auth.StaticCredentials;
import dev.punchline.turn.server.metrics.TurnServerMetrics;
import dev.punchline.turn.server.protocol.TurnProtocol;
import dev.punchline.turn.server.transport.Listeners;
import dev.punchline.turn.server.transport.LocalAddresses;
import dev.punchline.turn.server.transport.NativeTransport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A TURN server (RFC 8656) on Netty: UDP, TCP and TLS listeners, UDP relays. {@link #start} returns once every socket
 * is bound; {@link #close} releases every socket and thread it made.
 */
public final class TurnServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TurnServer.class);

    private final TurnServerConfig config;
    private final TurnServerMetrics metrics = new TurnServerMetrics();
    private final NativeTransport transport;
    private final EventLoopGroup group;
    private final AllocationRegistry registry;
    private final Listeners listeners;
    private final List<ListenAddress> bound = new ArrayList<>();
    private InetSocketAddress metricsAddress;
    private boolean closed;

    private TurnServer(TurnServerConfig config, NativeTransport transport, LocalAddresses localAddresses) {
        this.config = config;
        this.transport = transport;
        this.group = transport.newEventLoopGroup(config.eventLoopThreads(), "punchline-turn");
        this.registry = new AllocationRegistry(config, metrics, transport::newDatagramChannel);
        Authenticator authenticator = new Authenticator(config.realm(), credentials(config),
                new NonceManager(config.nonceLifetime()));
        this.listeners = new Listeners(transport, group, new TurnProtocol(config, registry, authenticator, metrics),
                metrics, config, localAddresses);
    }

    /**
     * Binds every listener (and the metrics endpoint) and returns the running server.
     *
     * @throws IOException naming the listener that could not be bound (e.g. its port is in use) or the TLS file that
     *                     could not be read; nothing stays open then
     */
    public static TurnServer start(TurnServerConfig config) throws IOException {
        return start(config, NativeTransport.detect());
    }

    /** With a given transport: tests run the NIO fallback on machines that have epoll. */
    static TurnServer start(TurnServerConfig config, NativeTransport transport) throws IOException {
        return start(config, transport, LocalAddresses.HOST);
    }

    /** With given local addresses for wildcard UDP listeners: tests make a host with several. */
    static TurnServer start(TurnServerConfig config, NativeTransport transport, LocalAddresses localAddresses)
            throws IOException {
        TurnServer server = new TurnServer(config, transport, localAddresses);
        try {
            server.bindAll();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void bindAll() throws IOException {
        SslContext tls = config.tlsCertificate() != null ? tlsContext() : null;
        for (ListenAddress listen : config.listenAddresses()) {
            bound.addAll(listeners.bind(listen, tls));
        }
        registry.usePeerPolicy(config.peerPolicy(bound));
        if (config.metricsAddress() != null) {
            metricsAddress = listeners.bindMetrics(config.metricsAddress());
        }
        LOG.info("TURN server listening on {} ({} transport, {} event loops), relaying on {} ports {}-{}, realm {}{}",
                bound, transport.name().toLowerCase(java.util.Locale.ROOT), config.eventLoopThreads(),
                config.relayIps(), config.minRelayPort(), config.maxRelayPort(), config.realm(),
                metricsAddress != null ? ", metrics on http://" + metricsAddress.getHostString() + ":"
                        + metricsAddress.getPort() + "/metrics" : "");
    }

    private SslContext tlsContext() throws IOException {
        try {
            return SslContextBuilder.forServer(config.tlsCertificate().toFile(), config.tlsPrivateKey().toFile())
                    .sslProvider(SslProvider.JDK)
                    .build();
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot load the TLS certificate " + config.tlsCertificate() + " and key "
                    + config.tlsPrivateKey() + ": " + e.getMessage(), e);
        }
    }

    private static CredentialStore credentials(TurnServerConfig config) {
        List<CredentialStore> stores = new ArrayList<>();
        if (!config.users().isEmpty()) {
            stores.add(new StaticCredentials(config.realm(), config.users()));
        }
        if (config.authSecret() != null) {
            stores.add(new RestSecretCredentials(config.realm(), List.of(config.authSecret())));
        }
        return stores.size() == 1 ? stores.get(0) : new CompositeCredentials(stores);
    }

    /**
     * The listeners as bound, in configuration order, with ports filled in where 0 was asked for; a wildcard UDP
     * listener appears as one entry per local address.
     */
    public List<ListenAddress> listeners() {
        return List.copyOf(bound);
    }

    /** The bound listener addresses, in configuration order. */
    public List<InetSocketAddress> boundAddresses() {
        return bound.stream().map(ListenAddress::address).toList();
    }

    /** Where the Prometheus endpoint listens, when one is configured. */
    public Optional<InetSocketAddress> metricsAddress() {
        return Optional.ofNullable(metricsAddress);
    }

    public TurnServerMetrics metrics() {
        return metrics;
    }

    public TurnServerConfig config() {
        return config;
    }

    /**
     * Stops accepting, deletes every allocation (each logged with reason "close"), closes every socket and ends the
     * event loops. Idempotent; returns once all of it is done (or {@link TurnTimings#SHUTDOWN_TIMEOUT} passed).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + TurnTimings.SHUTDOWN_TIMEOUT.toNanos();
        for (Channel channel : listeners.channels()) {
            channel.close().awaitUninterruptibly(remaining(deadline), TimeUnit.NANOSECONDS);
        }
        for (ChannelFuture closing : registry.closeAll()) {
            closing.awaitUninterruptibly(remaining(deadline), TimeUnit.NANOSECONDS);
        }
        // The loops close whatever is still registered (client connections) as they shut down.
        group.shutdownGracefully(0, TurnTimings.SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(remaining(deadline), TimeUnit.NANOSECONDS);
        if (!bound.isEmpty()) {
            LOG.info("TURN server on {} stopped", bound);
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
