package dev.punchline.turn.client;

import dev.punchline.turn.wire.ChannelData;
import dev.punchline.turn.wire.ErrorCode;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunParseException;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A UDP relay between one client and a TURN server that records what passes each way (decoded with our
 * codec) and can drop the client's datagrams, to watch and disturb a client on the wire.
 */
public final class UdpProxy implements AutoCloseable {

    /** One datagram as seen by the proxy. {@code method} and {@code messageClass} are null for non-STUN. */
    public record Frame(long nanos, boolean fromClient, Integer method, StunClass messageClass, int errorCode,
                        boolean channelData, boolean dropped) {

        public boolean is(int stunMethod, StunClass cls) {
            return method != null && method == stunMethod && messageClass == cls;
        }
    }

    private final InetSocketAddress server;
    private final DatagramSocket front;
    private final List<Frame> frames = new ArrayList<>();
    private final Thread clientSide;
    private volatile DatagramSocket back;
    private volatile Thread serverSide;
    private volatile SocketAddress client;
    private volatile Predicate<Frame> drop = frame -> false;

    private UdpProxy(InetSocketAddress server) throws IOException {
        this.server = server;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        front = new DatagramSocket(new InetSocketAddress(loopback, 0));
        back = new DatagramSocket(new InetSocketAddress(loopback, 0));
        clientSide = pump(front, true);
        serverSide = pump(back, false);
    }

    public static UdpProxy to(InetSocketAddress server) throws IOException {
        return new UdpProxy(server);
    }

    /** Where the client should send. */
    public InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    /** Where the client's datagrams came from; null before the first. */
    public InetSocketAddress client() {
        return (InetSocketAddress) client;
    }

    /**
     * Goes on towards the server from a new port, as a NAT does once its mapping is flushed: the server sees
     * the client at another address from now on.
     */
    public void rebind() throws IOException, InterruptedException {
        DatagramSocket old = back;
        Thread oldPump = serverSide;
        back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        serverSide = pump(back, false);
        old.close();
        oldPump.join(2_000);
    }

    /** Datagrams from the client that match are recorded but not forwarded. */
    public void dropFromClient(Predicate<Frame> rule) {
        drop = rule;
    }

    public synchronized List<Frame> frames() {
        return List.copyOf(frames);
    }

    public List<Frame> fromClient() {
        return frames().stream().filter(Frame::fromClient).toList();
    }

    public List<Frame> fromServer() {
        return frames().stream().filter(f -> !f.fromClient()).toList();
    }

    private Thread pump(DatagramSocket in, boolean fromClient) {
        return DatagramLoop.start(in, "udp-proxy-" + (fromClient ? "client" : "server"), packet -> {
            if (fromClient) {
                client = packet.getSocketAddress();
            }
            Frame frame = classify(packet.getData(), packet.getLength(), fromClient);
            boolean dropped = fromClient && drop.test(frame);
            record(dropped ? new Frame(frame.nanos(), true, frame.method(), frame.messageClass(),
                    frame.errorCode(), frame.channelData(), true) : frame);
            if (!dropped) {
                SocketAddress to = fromClient ? server : client;
                (fromClient ? back : front).send(new DatagramPacket(packet.getData(), packet.getLength(), to));
            }
        });
    }

    private synchronized void record(Frame frame) {
        frames.add(frame);
    }

    private static Frame classify(byte[] bytes, int length, boolean fromClient) {
        long now = System.nanoTime();
        var buf = Unpooled.wrappedBuffer(bytes, 0, length);
        if (ChannelData.looksLikeChannelData(buf)) {
            return new Frame(now, fromClient, null, null, 0, true, false);
        }
        try {
            StunMessage m = StunMessage.decode(buf);
            try {
                int code = m.attribute(ErrorCode.class).map(ErrorCode::code).orElse(0);
                return new Frame(now, fromClient, m.method(), m.messageClass(), code, false, false);
            } finally {
                m.release();
            }
        } catch (StunParseException e) {
            return new Frame(now, fromClient, null, null, 0, false, false);
        }
    }

    @Override
    public void close() throws InterruptedException {
        front.close();
        back.close();
        clientSide.join(2_000);
        serverSide.join(2_000);
    }
}
