/**
 * ICE's control plane on ice4j 3.2, over sockets Punchline owns: {@link dev.punchline.ice.control.IceController}
 * gathers (host candidates from our endpoints, server-reflexive ones by our own Binding requests, our TURN
 * allocation as the relayed one), trickles both ways, checks and nominates with a preference for direct
 * paths, and re-probes with fresh Agents while on the relay. ice4j never carries data and never sees a
 * socket of the operating system: it talks through {@code BridgeSocket}s fed by our demultiplexer.
 * Everything ice4j-specific stays in this package.
 */
package dev.punchline.ice.control;
