package dev.punchline.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void aPortIsBindableForUdpAndTcp() throws Exception {
        int port = FreePorts.udpAndTcp();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (ServerSocket tcp = new ServerSocket(); DatagramSocket udp = new DatagramSocket(null)) {
            tcp.bind(address);
            udp.bind(address);
        }
    }

    @Test
    void aRangeIsConsecutiveAndNeverHandedOutAgain() throws Exception {
        FreePorts.PortRange range = FreePorts.range(20);
        assertEquals(19, range.max() - range.min());
        for (int port = range.min(); port <= range.max(); port++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                assertEquals(port, udp.getLocalPort());
            }
        }
        for (int i = 0; i < 50; i++) {
            int single = FreePorts.udpAndTcp();
            assertNotEquals(true, single >= range.min() && single <= range.max(), "port " + single + " handed out twice");
        }
    }
}
