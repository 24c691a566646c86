package dev.punchline.it.lab;

import dev.punchline.it.support.ItTimings;
import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.StunParseException;
import dev.punchline.turn.wire.TransactionId;
import dev.punchline.turn.wire.XorAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/** A STUN Binding request from a lab host's socket: how that host learns the public mapping its NAT gave it. */
final class StunBinding {

    /** Requests sent before giving up: one lost datagram must not fail a test. */
    private static final int ATTEMPTS = 5;

    private StunBinding() {
    }

    /** The XOR-MAPPED-ADDRESS {@code server} reports for {@code socket}; retries a few times, as UDP may lose one. */
    static InetSocketAddress mappedAddress(DatagramSocket socket, InetSocketAddress server) throws IOException {
        return mappedAddress(socket, server, ATTEMPTS);
    }

    /** As {@link #mappedAddress(DatagramSocket, InetSocketAddress)}, with {@code attempts} requests at most. */
    static InetSocketAddress mappedAddress(DatagramSocket socket, InetSocketAddress server, int attempts)
            throws IOException {
        TransactionId id = TransactionId.random();
        ByteBuf encoded = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, id)
                .encode(ByteBufAllocator.DEFAULT, Integrity.NONE, true);
        byte[] request = ByteBufUtil.getBytes(encoded);
        encoded.release();
        socket.setSoTimeout((int) ItTimings.LAB_REPLY.toMillis());
        byte[] buffer = new byte[1500];
        for (int attempt = 0; attempt < attempts; attempt++) {
            socket.send(new DatagramPacket(request, request.length, server));
            try {
                DatagramPacket received = new DatagramPacket(buffer, buffer.length);
                socket.receive(received);
                StunMessage response = StunMessage.decode(Unpooled.wrappedBuffer(buffer, 0, received.getLength()));
                try {
                    if (response.transactionId().equals(id) && response.messageClass() == StunClass.SUCCESS_RESPONSE) {
                        return response.xorAddress(AttributeType.XOR_MAPPED_ADDRESS).map(XorAddress::address)
                                .orElseThrow(() -> new IOException("Binding response without XOR-MAPPED-ADDRESS"));
                    }
                } finally {
                    response.release();
                }
            } catch (SocketTimeoutException | StunParseException lost) {
                // Ask again.
            }
        }
        throw new IOException("no Binding response from " + server + " to " + socket.getLocalSocketAddress());
    }
}
