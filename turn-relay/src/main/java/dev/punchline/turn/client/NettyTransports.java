package dev.punchline.turn.client;

import dev.punchline.turn.wire.StunStreamFrameDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/** Opens the client-owned transports: native epoll channels on an epoll group, NIO ones otherwise. */
final class NettyTransports {
    /**
     * A UDP read takes the largest datagram there can be: a relayed payload is not cut at some MTU guess
     * (ice4j's relay drops payloads above 1496 bytes, see DESIGN.md).
     */
    private static final int MAX_DATAGRAM = 65_536;

    private NettyTransports() {
    }

    /** One thread is plenty for one client; daemon so a client somebody forgot to close cannot hold the JVM. */
    static EventLoopGroup newGroup() {
        DefaultThreadFactory threads = new DefaultThreadFactory("turn-client", true);
        return Epoll.isAvailable() ? new EpollEventLoopGroup(1, threads) : new NioEventLoopGroup(1, threads);
    }

    static CompletableFuture<TurnTransport> open(TurnClientConfig config, EventLoop loop, TurnInbound inbound) {
        boolean epoll = loop.parent() instanceof EpollEventLoopGroup;
        return switch (config.protocol()) {
            case UDP -> udp(config, loop, epoll, inbound);
            case TCP -> stream(config, loop, epoll, inbound, null);
            case TLS -> {
                SslContext tls;
                try {
                    tls = config.tlsTrust().clientContext();
                } catch (SSLException e) {
                    yield CompletableFuture.failedFuture(e);
                }
                yield stream(config, loop, epoll, inbound, tls);
            }
        };
    }

    private static CompletableFuture<TurnTransport> udp(TurnClientConfig config, EventLoop loop, boolean epoll,
                                                        TurnInbound inbound) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(new InboundFrames(inbound, false));
        CompletableFuture<TurnTransport> opened = new CompletableFuture<>();
        connect(bootstrap, config).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                opened.complete(new NettyTransport(f.channel(), false));
            } else {
                opened.completeExceptionally(f.cause());
            }
        });
        return opened;
    }

    private static CompletableFuture<TurnTransport> stream(TurnClientConfig config, EventLoop loop, boolean epoll,
                                                           TurnInbound inbound, SslContext tls) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tlsHandler(config, tls, ch));
                        }
                        ch.pipeline().addLast(new StunStreamFrameDecoder(), new InboundFrames(inbound, true));
                    }
                });
        CompletableFuture<TurnTransport> opened = new CompletableFuture<>();
        connect(bootstrap, config).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                opened.completeExceptionally(f.cause());
                return;
            }
            SslHandler handler = f.channel().pipeline().get(SslHandler.class);
            if (handler == null) {
                opened.complete(new NettyTransport(f.channel(), true));
                return;
            }
            handler.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    opened.complete(new NettyTransport(f.channel(), true));
                } else {
                    f.channel().close();
                    opened.completeExceptionally(h.cause());
                }
            });
        });
        return opened;
    }

    private static ChannelFuture connect(Bootstrap bootstrap, TurnClientConfig config) {
        InetSocketAddress local = config.localAddress();
        return local == null ? bootstrap.connect(config.server()) : bootstrap.connect(config.server(), local);
    }

    private static SslHandler tlsHandler(TurnClientConfig config, SslContext tls, Channel ch) {
        SslHandler handler = tls.newHandler(ch.alloc(), config.tlsServerName(), config.server().getPort());
        if (config.tlsTrust().verifiesHostname()) {
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return handler;
    }
}
