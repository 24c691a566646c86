package dev.punchline.tun.lab;

/**
 * The addresses of one point-to-point link: the near end (towards the internet) and the far end, in IPv4 and IPv6,
 * as {@code ip} expects them.
 */
record LinkPlan(String near4, String far4, int prefix4, String near6, String far6) {

    static final int PREFIX6 = 64;

    String near4Cidr() {
        return near4 + "/" + prefix4;
    }

    String far4Cidr() {
        return far4 + "/" + prefix4;
    }

    String near6Cidr() {
        return near6 + "/" + PREFIX6;
    }

    String far6Cidr() {
        return far6 + "/" + PREFIX6;
    }
}
