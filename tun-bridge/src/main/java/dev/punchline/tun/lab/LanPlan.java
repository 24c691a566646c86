package dev.punchline.tun.lab;

/** The addresses of a site's LAN: its router's, its hosts' (by position, from 0), and the site's IPv6 block. */
record LanPlan(String net4, String net6, String site6) {

    static final int PREFIX4 = 24;
    private static final int FIRST_HOST = 2;

    String router4Cidr() {
        return net4 + "1/" + PREFIX4;
    }

    String router4() {
        return net4 + "1";
    }

    String router6Cidr() {
        return net6 + "1/" + LinkPlan.PREFIX6;
    }

    String router6() {
        return net6 + "1";
    }

    String host4(int position) {
        return net4 + (FIRST_HOST + position);
    }

    String host6(int position) {
        return net6 + Integer.toHexString(FIRST_HOST + position);
    }

    /** The LAN's IPv6 prefix, for a route to it. */
    String lan6Prefix() {
        return net6 + "/" + LinkPlan.PREFIX6;
    }
}
