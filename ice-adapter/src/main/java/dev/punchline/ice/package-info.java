/**
 * Punchline's public session API: a relay-first connection to one peer (DESIGN decisions 1–5). Plugins and the
 * tunnel build on these types only; the packages below them ({@code link}, {@code control}, {@code net}) are
 * the session's parts.
 *
 * <h2>Types</h2>
 * <ul>
 * <li>{@link dev.punchline.ice.SessionConfig} — role, local bind addresses, relays
 *     ({@link dev.punchline.ice.RelayServer}: UDP/TCP/TLS, static or REST credentials, the addresses it relays
 *     from), which relay to use ({@link dev.punchline.ice.RelaySelection}), STUN servers, which candidates to
 *     offer ({@link dev.punchline.ice.IceTransportPolicy}), whether Punchline framing is offered, the Link's
 *     knobs (unconsented send rate among them) and ICE's timings.
 * <li>{@link dev.punchline.ice.Session} — open (from a config, or from an allocation an
 *     {@link dev.punchline.ice.AllocationPool} made beforehand), local description, remote description and
 *     trickled candidates, send, current path, statistics, bad input dropped
 *     ({@link dev.punchline.ice.BadInputCounts} by {@link dev.punchline.ice.BadInput} reason), ICE restart, close.
 * <li>{@link dev.punchline.ice.SessionDescription} — ufrag/pwd, ice-options, candidates, the default (relayed)
 *     candidate; written to and read from SDP with {@code dev.punchline.ice.sdp}.
 * <li>{@link dev.punchline.ice.SessionListener} — received packets, path changes
 *     ({@link dev.punchline.ice.SessionPath}: when, RTT, why), local description changes (new relay, ICE
 *     restart), trickled local candidates, relay loss.
 * </ul>
 *
 * <h2>Relay first</h2>
 * Each session allocates before it describes itself and pre-permits every configured relay's addresses, so a
 * peer's relay can reach ours at once. The answerer applies the offer before it answers:
 * {@link dev.punchline.ice.Session#applyRemoteDescription} completes after the offer's candidates are permitted
 * and a channel to the offer's relayed address is bound. The first packets then go relay to relay — from our
 * allocation to the peer's relayed address — rate-limited until the peer is heard, and only towards a peer
 * that offered Punchline framing. ICE runs meanwhile; every direct pair it validates becomes a path of the
 * Link, whose own probes decide when to trust it (ICE's selection is not waited for).
 *
 * <h2>Relay loss and NAT rebinding</h2>
 * Each allocation checks its server's liveness when it has heard nothing from it for a second (a Binding
 * request on the allocation's 5-tuple, {@code TurnTimings.LIVENESS_*}): a dead relay is reported lost within
 * about 4 s, and an answer that sees us at a new address (our NAT rebound) loses the allocation at once. The
 * session then re-allocates (another relay first, unless only our mapping changed) and restarts ICE with the new
 * allocation as the fresh Agent's relayed candidate, announcing both in one
 * {@link dev.punchline.ice.SessionListener#localDescriptionChanged}. The peer applies that description with
 * {@link dev.punchline.ice.Session#applyRemoteDescription} and answers with its own new description (see
 * {@link dev.punchline.ice.Session}, "Description changes"); the fresh Agents' checks then find direct paths
 * again, peer-reflexive or through re-gathered server-reflexive candidates. A Link frame from an unknown source
 * is never taken as a new path: new paths come only from checks that carry MESSAGE-INTEGRITY.
 *
 * <h2>STUN routing</h2>
 * A session owns its sockets. What their demultiplexers do not give to our TURN clients (TURN responses, Data
 * indications, ChannelData) comes to the session as the STUN fallback and goes to its ICE controller, which
 * routes requests by ufrag and responses by the transaction ids its Agents and server-reflexive probes started.
 * A request reaches ice4j only if its MESSAGE-INTEGRITY verifies with the password of the ufrag it names.
 *
 * <h2>Bad input</h2>
 * Whatever the network sends that a session cannot use — garbage, STUN without valid credentials, ChannelData
 * for channels it has not bound, Link frames forged or from addresses no path of its leads to — is dropped and
 * counted by reason ({@link dev.punchline.ice.Session#badInput()}); none of it changes a path's state. Through
 * the relay only the peer's relayed address counts as the peer: the pre-permitted relay IPs also let in anyone
 * with an allocation on the same relay.
 */
package dev.punchline.ice;
