package dev.punchline.ice.control;

import dev.punchline.ice.net.DatagramSender;
import dev.punchline.turn.wire.StunMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A real UDP socket on 127.0.0.1 (Netty NIO) with the tiny demultiplexer a test needs: STUN goes to the
 * controllers that share the socket, anything else is application data. A drop filter plays firewall.
 */
final class TestEndpoint implements AutoCloseable {

    record Received(byte[] data, InetSocketAddress from) {
    }

    private final List<IceController> controllers = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Received> appData = new LinkedBlockingQueue<>();
    private final AtomicLong unclaimedStun = new AtomicLong();
    private volatile Predicate<InetSocketAddress> dropFrom = from -> false;
    private volatile TestEndpoint natInside;
    private final Channel channel;
    private final InetSocketAddress address;

    private TestEndpoint(EventLoopGroup group) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        TestEndpoint inside = natInside;
                        if (inside != null) {
                            inside.deliver(packet.content(), packet.sender());
                        } else if (!dropFrom.test(packet.sender())) {
                            deliver(packet.content(), packet.sender());
                        }
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        address = (InetSocketAddress) channel.localAddress();
    }

    static TestEndpoint open(EventLoopGroup group) throws InterruptedException {
        return new TestEndpoint(group);
    }

    InetSocketAddress address() {
        return address;
    }

    DatagramSender sender() {
        return (datagram, to) -> channel.writeAndFlush(new DatagramPacket(datagram, to), channel.voidPromise());
    }

    LocalEndpoint local() {
        return new LocalEndpoint(address, sender());
    }

    /**
     * Makes this socket the public side of a NAT (endpoint-independent mapping and filtering) for
     * {@code inside}: whatever arrives here is handed to {@code inside} as if it had arrived there, and
     * {@link #natSenderFor} sends from here. {@code inside} itself then receives nothing from the wire.
     */
    void actAsNatFor(TestEndpoint inside) {
        natInside = inside;
        inside.dropFrom(from -> true);
    }

    /** The endpoint the inside host uses: its own address, its datagrams leaving from this NAT socket. */
    LocalEndpoint natSenderFor(TestEndpoint inside) {
        return new LocalEndpoint(inside.address(), sender());
    }

    void serve(IceController controller) {
        controllers.add(controller);
    }

    /** Drops what arrives from senders matching {@code filter} (a firewall on this socket). */
    void dropFrom(Predicate<InetSocketAddress> filter) {
        dropFrom = filter;
    }

    /** The demultiplexer, also used by a NAT that hands over what arrived on its outside socket. */
    void deliver(ByteBuf content, InetSocketAddress from) {
        if (StunMessage.looksLikeStun(content)) {
            for (IceController controller : controllers) {
                if (controller.receive(content, from, address) == StunVerdict.DELIVERED) {
                    return;
                }
            }
            unclaimedStun.incrementAndGet();
        } else {
            appData.add(new Received(ByteBufUtil.getBytes(content), from));
        }
    }

    long unclaimedStun() {
        return unclaimedStun.get();
    }

    void sendApp(byte[] data, InetSocketAddress to) {
        sender().send(Unpooled.wrappedBuffer(data), to);
    }

    Received nextApp(Duration timeout) throws InterruptedException {
        return appData.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
