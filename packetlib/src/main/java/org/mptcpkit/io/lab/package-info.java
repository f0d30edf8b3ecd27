/**
 * The kernel lab: isolated networks in which the local Linux kernel is the MPTCP peer under test
 * ({@link org.mptcpkit.io.lab.Lab}), built from anonymous network namespaces
 * ({@link org.mptcpkit.io.lab.NetNamespace}), with an optional kernel MPTCP echo or sink server
 * ({@link org.mptcpkit.io.lab.MptcpServer}) and the {@code mptcpkit lab} command
 * ({@link org.mptcpkit.io.lab.LabMain}). The kernel's own account of what it did is read from
 * its namespace's counters ({@link org.mptcpkit.io.lab.Lab#mptcpCounters()}: {@code MPTcpExt} as
 * {@code nstat -az} shows it; {@link org.mptcpkit.io.lab.NetNamespace#netstat(String)} for any
 * group).
 *
 * <p>Promises: the host namespace is never changed; nothing outlives the process, even on
 * SIGKILL (no named namespaces, no bind mounts, no persistent devices); the crafting side's own
 * kernel never answers the kernel under test; a failure to build a lab is one sentence that says
 * what to do ({@link org.mptcpkit.io.lab.LabException}).
 *
 * <p>Captures: {@code openSniffer} gives an AF_PACKET socket (the low-latency path
 * {@code PacketIo} uses); {@link org.mptcpkit.io.lab.Lab#openCapture} a libpcap live capture
 * through pcap4j ({@link org.mptcpkit.io.pcap.PcapLive}), opened inside the side's namespace.
 *
 * <p>Depends on {@link org.mptcpkit.io.net}, {@link org.mptcpkit.io.pcap} and {@link org.mptcpkit.io.sys}.
 */
package org.mptcpkit.io.lab;
