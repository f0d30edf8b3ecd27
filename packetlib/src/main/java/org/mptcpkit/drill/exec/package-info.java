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
