package dev.punchline.bench.server;

import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.TransactionId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** Whether a STUN server answers a Binding request: how the benchmark knows a relay it started is ready. */
final class StunProbe {

    private StunProbe() {
    }

    static boolean answers(InetSocketAddress server, Duration wait) throws IOException {
        ByteBuf request = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random())
                .encode(UnpooledByteBufAllocator.DEFAULT, Integrity.NONE, false);
        byte[] bytes = ByteBufUtil.getBytes(request);
        request.release();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0))) {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            socket.send(new DatagramPacket(bytes, bytes.length, server));
            byte[] answer = new byte[1500];
            socket.receive(new DatagramPacket(answer, answer.length));
            return true;
        } catch (SocketTimeoutException notYet) {
            return false;
        }
    }
}
