/**
 * Capture files and live captures: reading and writing pcap (and reading pcapng) through pcap4j
 * and libpcap, live capture and layer-2 send on an interface ({@link org.mptcpkit.io.pcap.PcapLive}),
 * and splitting each frame into its link-layer header and the network-layer bytes.
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
 *   <li>{@link org.mptcpkit.io.pcap.PcapLive} opens in the calling thread's network namespace,
 *       never waits past its deadline (a {@code pcap_breakloop} alarm, since libpcap's read
 *       timeout does not fire on Linux while no frame arrives), sees its own {@code sendp}
 *       frames as outgoing, and keeps what it returned for {@code dump}, which reads back
 *       identical. No CAP_NET_RAW, a missing interface or a down one is one sentence
 *       ({@link org.mptcpkit.io.pcap.PcapLiveException}).</li>
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
