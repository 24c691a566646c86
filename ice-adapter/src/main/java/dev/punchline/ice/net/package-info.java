/**
 * Punchline's data-plane sockets. A {@link dev.punchline.ice.net.UdpEndpoint} is one Netty UDP socket on a
 * concrete address, shared by every session that uses it; its {@link dev.punchline.ice.net.Demultiplexer}
 * routes each datagram by source and first byte ({@link dev.punchline.ice.net.PacketClass}, RFC 7983): to the
 * TURN client of the server it came from ({@link dev.punchline.ice.net.TurnRoute}), whose unwrapped payloads
 * are routed again; STUN requests to the ICE agent their USERNAME names ({@link dev.punchline.ice.net.AgentRoute}), other STUN to a session's ICE controller (the STUN fallback); Link
 * frames, RTP/RTCP and DTLS to the handler registered for their source, or a fallback. Handlers are
 * {@link dev.punchline.ice.net.DatagramHandler}s, told {@link dev.punchline.ice.net.Via} which path a datagram
 * took; whatever is sent goes through a {@link dev.punchline.ice.net.DatagramSender}, which takes over the
 * buffer. Every datagram's fate is counted ({@link dev.punchline.ice.net.DemuxCounters},
 * {@link dev.punchline.ice.net.DropReason}); the kernel's own receive drops are counted apart.
 */
package dev.punchline.ice.net;
