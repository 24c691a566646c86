package dev.punchline.ice.control;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocketImpl;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * The implementation behind a {@link BridgeSocket}: nothing. Handing it to {@code DatagramSocket}'s
 * protected constructor keeps the JDK from opening a descriptor per bridge; every method the bridge uses is
 * overridden there, so reaching this is a bug and fails loudly.
 */
@SuppressWarnings("deprecation") // setTTL/getTTL are abstract in DatagramSocketImpl and must be implemented
final class NoSocketImpl extends DatagramSocketImpl {

    private static SocketException unsupported() {
        return new SocketException("a bridge socket has no operating-system socket");
    }

    @Override
    protected void create() {
        // Nothing to create: that is the point.
    }

    @Override
    protected void bind(int lport, InetAddress laddr) throws SocketException {
        throw unsupported();
    }

    @Override
    protected void send(DatagramPacket p) throws IOException {
        throw unsupported();
    }

    @Override
    protected int peek(InetAddress i) throws IOException {
        throw unsupported();
    }

    @Override
    protected int peekData(DatagramPacket p) throws IOException {
        throw unsupported();
    }

    @Override
    protected void receive(DatagramPacket p) throws IOException {
        throw unsupported();
    }

    @Override
    protected void setTTL(byte ttl) throws IOException {
        throw unsupported();
    }

    @Override
    protected byte getTTL() throws IOException {
        throw unsupported();
    }

    @Override
    protected void setTimeToLive(int ttl) throws IOException {
        throw unsupported();
    }

    @Override
    protected int getTimeToLive() throws IOException {
        throw unsupported();
    }

    @Override
    protected void join(InetAddress inetaddr) throws IOException {
        throw unsupported();
    }

    @Override
    protected void leave(InetAddress inetaddr) throws IOException {
        throw unsupported();
    }

    @Override
    protected void joinGroup(SocketAddress mcastaddr, NetworkInterface netIf) throws IOException {
        throw unsupported();
    }

    @Override
    protected void leaveGroup(SocketAddress mcastaddr, NetworkInterface netIf) throws IOException {
        throw unsupported();
    }

    @Override
    protected void close() {
        // Nothing was opened.
    }

    @Override
    public void setOption(int optID, Object value) throws SocketException {
        throw unsupported();
    }

    @Override
    public Object getOption(int optID) throws SocketException {
        throw unsupported();
    }
}
