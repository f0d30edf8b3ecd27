/**
 * Rendering packets for people and programs: one formatter for every place a packet is shown.
 *
 * <ul>
 *   <li>{@link org.mptcpkit.format.PacketFormatter}: the tcpdump-like summary line, the field tree
 *       ({@code show}), the tshark-like hex dump and packetdrill's {@code .pkt} syntax (through
 *       the drill's {@link org.mptcpkit.drill.ast.ScriptPrinter}, with a
 *       {@link org.mptcpkit.format.PktContext} for relative numbers and script names);</li>
 *   <li>{@link org.mptcpkit.format.PacketJson} and {@link org.mptcpkit.format.JsonWriter}: one
 *       JSON object per packet, the schema of docs/decode-json.md;</li>
 *   <li>{@link org.mptcpkit.format.DecodeCommand}: {@code mptcpkit decode FILE [--json]
 *       [--show] [--hex] [--pkt] [-c N]}.</li>
 * </ul>
 *
 * <p>What this layer promises: rendering never throws on any model value a decode can return
 * (malformed and truncated packets included) and shows the decode's diagnostics; the summary's
 * TCP part reads exactly as {@code tcpdump -nS} 4.99; {@code .pkt} output parses back with
 * {@link org.mptcpkit.drill.parse.Parser} to the same values, or is {@code option[HEX]}, which it
 * rejects. Switches over the sealed model have no {@code default}: a new option type fails here
 * at compile time.
 *
 * <p>Depends on {@code packet}, {@code wire}, {@code crypto} (tokens and IDSNs shown beside keys),
 * {@code io.pcap} (the decode command) and {@code drill.ast} (the {@code .pkt} printer); the drill
 * interpreter's reports will depend on this package, never the reverse.
 */
package org.mptcpkit.format;
