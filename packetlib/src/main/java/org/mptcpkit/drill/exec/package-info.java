/**
 * The {@code .pkt} executor: runs a parsed {@link org.mptcpkit.drill.ast.Script} against the
 * kernel as packetdrill's MPTCP fork does (reference §2, §5, §6), and reports like packetdrill
 * plus every differing field.
 *
 * <p>One {@link org.mptcpkit.drill.exec.ScriptRun} per script and {@link
 * org.mptcpkit.drill.exec.Variant}: a fresh anonymous {@link org.mptcpkit.io.lab.NetNamespace}
 * with {@code lo} up, a TUN device named {@code tun0} (vnet header, packetdrill's offloads), the
 * variant's address and routed remote prefix; shell commands through {@code nsenter} with
 * cwd = the script's folder and the {@code OPT_*} environment; system calls on the namespace's own
 * thread through {@link org.mptcpkit.io.sys.LibC} (a second thread for {@code T...END} calls);
 * inbound packets built with {@code org.mptcpkit.wire} and injected at their scripted time (park,
 * then spin the last 200 µs, under SCHED_RR); outbound packets read from tun0 on the same thread
 * and compared field by field in packetdrill's order. MPTCP keys, tokens, IDSNs, DSS relative
 * numbers and the MP_JOIN and ADD_ADDR HMACs follow the fork, quirks included
 * ({@link org.mptcpkit.drill.exec.MptcpState}).
 *
 * <p>Packet lines: TCP in both directions; {@code udp (LEN)} in both directions for SOCK_DGRAM
 * sockets, whose endpoints are read back from the kernel (getsockname/getpeername) after bind,
 * connect and sends ({@link org.mptcpkit.drill.exec.UdpHeader}: the model keeps UDP as a raw
 * payload); inbound {@code icmp} errors, ICMP or ICMPv6 by the wire family, quoting the socket's
 * packet as packetdrill does (its addresses and ports, the script's relative TCP sequence made
 * live, LEN zeros; {@link org.mptcpkit.drill.exec.IcmpMessage}). System calls: all of
 * packetdrill's, pipe, open (relative to the script's folder), sendfile, splice and
 * epoll_create/ctl/wait ({@code {events=..., fd=|u32=|u64=|ptr=...}}) included, except
 * {@code cap_set}. Rejected with a clear message: outbound {@code icmp} lines, {@code cap_set},
 * {@code %{ }%} code blocks.
 *
 * <p>Better than packetdrill: a missing outbound packet, or a call that blocks without a blocking
 * time, fails after the scripted time plus 2 s instead of hanging; a mismatch lists every differing
 * field and both packets in {@code .pkt} syntax; {@link org.mptcpkit.drill.exec.Suite} runs many
 * scripts in one JVM, {@code -j N} at once, with progress, a summary table, the injection timing
 * distribution and JUnit XML. Nothing outlives a run, even a killed one: the namespace has no name
 * and dies with the process, taking tun0 and its addresses with it.
 *
 * <p>Depends on {@code drill.ast}/{@code drill.parse}, {@code packet}, {@code wire},
 * {@code crypto}, {@code format} and {@code io}; nothing but {@code drill} and the shell uses it.
 */
package org.mptcpkit.drill.exec;
