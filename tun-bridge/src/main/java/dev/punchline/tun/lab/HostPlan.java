package dev.punchline.tun.lab;

/**
 * Where one host sits: its namespace's short name, its own addresses, the IPv4 address the internet sees it at
 * (its site router's, or its own when public) and its site (null for a public host).
 */
record HostPlan(String name, String address4, String address6, String public4, String site) {
}
