package dev.punchline.ice.control;

import dev.punchline.ice.net.DatagramSender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * What ice4j sees as a socket: a {@link DatagramSocket} whose sends go out through one of our channels (or
 * our TURN allocation) and whose receives take the STUN datagrams our demultiplexer hands to
 * {@link #offer}. One bridge per local address per Agent; several Agents can bridge the same channel.
 *
 * <p>Rules ice4j imposes: the local-address getters give the concrete bound address (ice4j keys candidates
 * and transactions on it); a send never throws because of the network (a send that throws creates no
 * transaction, so it could never time out and fail its pair); {@link #close} — which ice4j calls when it
 * frees the Agent — releases only this bridge, never the channel under it.
 */
final class BridgeSocket extends DatagramSocket {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeSocket.class);

    /** STUN to one Agent on one address is a few datagrams per pacing interval; 256 absorbs any burst. */
    private static final int QUEUE_CAPACITY = 256;
    /** What ice4j is told about buffer sizes: it only uses them to size its own receive bookkeeping. */
    private static final int REPORTED_BUFFER_SIZE = 256 * 1024;
    /** ice4j's reader threads are all called this; we rename ours so a thread dump says what they read. */
    private static final String ICE4J_READER_PREFIX = "IceConnector@";

    private record Inbound(byte[] data, InetSocketAddress from) {
    }

    private final InetSocketAddress local;
    private final DatagramSender sender;
    private final Consumer<ByteBuf> outboundTap;
    private final String readerName;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Inbound> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;
    private volatile int soTimeoutMillis;

    /**
     * @param local       the concrete address this bridge stands for
     * @param sender      where sends go; takes over each datagram
     * @param outboundTap sees each outgoing datagram before it is sent (to remember request ids)
     * @param readerName  the name given to the ice4j thread that reads this bridge
     */
    BridgeSocket(InetSocketAddress local, DatagramSender sender, Consumer<ByteBuf> outboundTap, String readerName) {
        super(new NoSocketImpl());
        this.local = local;
        this.sender = sender;
        this.outboundTap = outboundTap;
        this.readerName = readerName;
    }

    /** Queues a copy of {@code datagram} (the caller keeps its reference); false once closed. */
    boolean offer(ByteBuf datagram, InetSocketAddress from) {
        Inbound inbound = new Inbound(ByteBufUtil.getBytes(datagram), from);
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (queue.size() >= QUEUE_CAPACITY) {
                // STUN retransmits: losing the newest copy of a burst costs one retransmission at most.
                dropped.incrementAndGet();
                return true;
            }
            queue.addLast(inbound);
            arrived.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Datagrams dropped because ice4j did not keep up. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void send(DatagramPacket p) throws IOException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        ByteBuf datagram = Unpooled.copiedBuffer(p.getData(), p.getOffset(), p.getLength());
        InetSocketAddress to = (InetSocketAddress) p.getSocketAddress();
        try {
            outboundTap.accept(datagram);
            sender.send(datagram, to);
        } catch (RuntimeException e) {
            // Swallowed on purpose: ice4j must see the transaction start and, if nothing answers, time out.
            LOG.debug("send from {} to {} failed", local, to, e);
        }
    }

    @Override
    public void receive(DatagramPacket p) throws IOException {
        nameReaderThread();
        Inbound inbound = take();
        int length = Math.min(inbound.data.length, p.getLength());
        System.arraycopy(inbound.data, 0, p.getData(), p.getOffset(), length);
        p.setLength(length);
        p.setSocketAddress(inbound.from);
    }

    private Inbound take() throws IOException {
        int timeout = soTimeoutMillis;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        lock.lock();
        try {
            Inbound inbound;
            while ((inbound = queue.pollFirst()) == null) {
                if (closed) {
                    throw new SocketException("Socket is closed");
                }
                if (timeout <= 0) {
                    arrived.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new SocketTimeoutException("Receive timed out");
                    }
                    arrived.awaitNanos(left);
                }
            }
            return inbound;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketException("interrupted while receiving");
        } finally {
            lock.unlock();
        }
    }

    private void nameReaderThread() {
        Thread reader = Thread.currentThread();
        if (reader.getName().startsWith(ICE4J_READER_PREFIX)) {
            reader.setName(readerName);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public InetAddress getLocalAddress() {
        return local.getAddress();
    }

    @Override
    public int getLocalPort() {
        return local.getPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return local;
    }

    @Override
    public boolean isBound() {
        return true;
    }

    @Override
    public boolean isConnected() {
        return false;
    }

    @Override
    public InetAddress getInetAddress() {
        return null;
    }

    @Override
    public int getPort() {
        return -1;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return null;
    }

    @Override
    public DatagramChannel getChannel() {
        return null;
    }

    @Override
    public void bind(SocketAddress addr) throws SocketException {
        throw new SocketException("a bridge socket is bound by its channel's owner");
    }

    @Override
    public void connect(SocketAddress addr) throws SocketException {
        throw new SocketException("a bridge socket does not connect");
    }

    @Override
    public void connect(InetAddress address, int port) {
        throw new UnsupportedOperationException("a bridge socket does not connect");
    }

    @Override
    public void disconnect() {
        // Never connected.
    }

    @Override
    public int getSoTimeout() {
        return soTimeoutMillis;
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout < 0");
        }
        soTimeoutMillis = timeout;
    }

    @Override
    public int getReceiveBufferSize() {
        return REPORTED_BUFFER_SIZE;
    }

    @Override
    public void setReceiveBufferSize(int size) {
        // The channel's owner sizes its buffers.
    }

    @Override
    public int getSendBufferSize() {
        return REPORTED_BUFFER_SIZE;
    }

    @Override
    public void setSendBufferSize(int size) {
        // The channel's owner sizes its buffers.
    }

    @Override
    public boolean getReuseAddress() {
        return false;
    }

    @Override
    public void setReuseAddress(boolean on) {
        // Meaningless for a socket that is not the operating system's.
    }

    @Override
    public boolean getBroadcast() {
        return false;
    }

    @Override
    public void setBroadcast(boolean on) {
        // Meaningless for a socket that is not the operating system's.
    }

    @Override
    public int getTrafficClass() {
        return 0;
    }

    @Override
    public void setTrafficClass(int tc) {
        // The channel's owner sets its traffic class.
    }

    @Override
    public <T> DatagramSocket setOption(SocketOption<T> name, T value) {
        throw new UnsupportedOperationException("a bridge socket has no socket options: " + name);
    }

    @Override
    public <T> T getOption(SocketOption<T> name) {
        throw new UnsupportedOperationException("a bridge socket has no socket options: " + name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return Set.of();
    }

    @Override
    public String toString() {
        return "BridgeSocket[" + local + (closed ? ", closed]" : "]");
    }
}
