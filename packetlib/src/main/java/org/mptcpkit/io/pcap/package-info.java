/**
 * Capture files: reading and writing pcap (and reading pcapng) through pcap4j and libpcap, and
 * splitting each frame into its link-layer header and the network-layer bytes.
 *
 * <p>What this layer promises:
 * <ul>
 *   <li>{@link org.mptcpkit.io.pcap.PcapReader} returns every record libpcap reads, numbered as
 *       tshark numbers frames, with nanosecond timestamps, original lengths and the frame bytes
 *       untouched. A damaged file yields the records before the damage, then one
 *       {@link org.mptcpkit.io.pcap.PcapFormatException} whose message is one line:
 *       {@code file: record N: what is wrong}.</li>
 *   <li>{@link org.mptcpkit.io.pcap.PcapWriter} writes records back identical (bytes,
 *       timestamps, captured and original lengths), so read-then-write copies a capture.</li>
 *   <li>{@link org.mptcpkit.io.pcap.LinkFrame#split} is lossless: the header keeps its bytes,
 *       {@code encode()} rebuilds the frame exactly, and a frame it cannot split (unknown link
 *       type, header cut short) stays whole with a note, never an exception.</li>
 *   <li>A missing libpcap is one sentence, {@link org.mptcpkit.io.pcap.PcapUnavailableException},
 *       telling the user to {@code apt-get install libpcap0.8}.</li>
 * </ul>
 *
 * <p>Network-layer bytes stay {@link org.mptcpkit.packet.Bytes} here: decoding them is the codec's
 * job ({@code org.mptcpkit.wire}). This package depends on {@code org.mptcpkit.packet} (Bytes,
 * Field), pcap4j-core and JNA, and nothing above it; pcap4j types never appear in its API.
 *
 * <p>Costs (BENCHMARKS.md, "pcap reading and process start-up"): loading JNA, libpcap and pcap4j
 * costs a fresh JVM 50-130 ms, and pcap4j reads a record in about 1 µs once warm.
 */
package org.mptcpkit.io.pcap;
