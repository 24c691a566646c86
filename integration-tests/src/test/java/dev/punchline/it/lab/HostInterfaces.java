package dev.punchline.it.lab;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** Prints every address of every interface this JVM sees: run on a lab host, it shows that host's network. */
public final class HostInterfaces {

    private HostInterfaces() {
    }

    public static void main(String[] args) throws SocketException {
        for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            networkInterface.inetAddresses().forEach(address ->
                    System.out.println(networkInterface.getName() + " " + address.getHostAddress()));
        }
        System.out.println("done");
    }
}
