package dev.punchline.it.ice;

import dev.punchline.it.lab.LabRelay;
import dev.punchline.tun.lab.Host;
import dev.punchline.turn.client.TurnAllocation;
import dev.punchline.turn.client.TurnClient;
import dev.punchline.turn.client.TurnClientConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A lab host that attacks a session three ways: from a socket of its own; from addresses it does not own (any host
 * on the victim's LAN can forge its source, here with {@code IP_TRANSPARENT} sockets); and through an
 * allocation of its own on a relay, which reaches every relayed address that permits the relay's IP.
 */
final class LabAttacker implements AutoCloseable {

    private static final int SETUP_SECONDS = 10;

    private final Host host;
    private final DatagramSocket own;
    private final Map<InetSocketAddress, Channel> forged = new HashMap<>();
    private final Set<InetAddress> permitted = new HashSet<>();
    private TurnAllocation allocation;
    private EventLoopGroup forging;

    private LabAttacker(Host host, DatagramSocket own) {
        this.host = host;
        this.own = own;
    }

    static LabAttacker on(Host host) throws Exception {
        return new LabAttacker(host, host.runInNamespace(() -> new DatagramSocket(0)));
    }

    /** From the attacker's own address. */
    void send(byte[] datagram, InetSocketAddress to) throws IOException {
        own.send(new java.net.DatagramPacket(datagram, datagram.length, to));
    }

    /** From {@code source}, an address the attacker does not own. */
    void sendAs(InetSocketAddress source, byte[] datagram, InetSocketAddress to) throws Exception {
        Channel channel = forged.get(source);
        if (channel == null) {
            if (forging == null) {
                forging = new EpollEventLoopGroup(1, host.threadFactory(host.name() + "-forging"));
            }
            // IP_TRANSPARENT: the kernel then routes datagrams from a source that is not ours (ip_nonlocal_bind
            // alone lets the bind pass but not the send). The socket is made here, in the attacker's namespace.
            Bootstrap bootstrap = new Bootstrap().group(forging).channel(EpollDatagramChannel.class)
                    .option(EpollChannelOption.IP_TRANSPARENT, true).handler(new ChannelInboundHandlerAdapter());
            channel = host.runInNamespace(() -> bootstrap.bind(source).sync().channel());
            forged.put(source, channel);
        }
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to)).sync();
    }

    /** Through the attacker's allocation on {@code relay} (made on first use, {@code to}'s IP permitted). */
    void sendThroughRelay(InetSocketAddress relay, byte[] datagram, InetSocketAddress to) throws Exception {
        if (allocation == null) {
            TurnClientConfig config = TurnClientConfig.builder(relay).credentials(LabRelay.USER, LabRelay.PASSWORD)
                    .build();
            allocation = host.runInNamespace(() -> TurnClient.create(config).allocate())
                    .get(SETUP_SECONDS, TimeUnit.SECONDS);
        }
        if (permitted.add(to.getAddress())) {
            allocation.permit(List.of(to.getAddress())).get(SETUP_SECONDS, TimeUnit.SECONDS);
        }
        allocation.send(to, Unpooled.wrappedBuffer(datagram));
    }

    @Override
    public void close() {
        own.close();
        forged.values().forEach(channel -> channel.close().syncUninterruptibly());
        if (forging != null) {
            forging.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (allocation != null) {
            allocation.close();
        }
    }
}
