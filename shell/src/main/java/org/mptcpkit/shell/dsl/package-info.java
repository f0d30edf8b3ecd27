/**
 * The packet DSL of the shell and of scripts: words over the model's Java builders
 * ({@link org.mptcpkit.shell.dsl.PacketDsl}: {@code IP}, {@code IPv6}, {@code TCP}, every TCP
 * option and MPTCP suboption, {@code show}, {@code hexdump}, {@code ls}, pcap files, packet I/O
 * on the current lab, the stateful peer), the {@code TCP { ... }} closure's delegate
 * ({@link org.mptcpkit.shell.dsl.TcpSpec}), the {@code /} operator and peer conveniences as a
 * Groovy extension module ({@link org.mptcpkit.shell.dsl.PacketExtensions}) and the renderer
 * that shows packets as the formatter's summary lines.
 *
 * <p>It re-implements nothing of the model: named arguments are set on the records' builders,
 * so whatever a builder accepts (a wrong length, a wrong checksum) a word accepts; output goes
 * through {@link org.mptcpkit.format.PacketFormatter}. Errors are one sentence naming the word,
 * the field and what was expected.
 *
 * <p>Depends on packetlib and Groovy; the shell package depends on it.
 */
package org.mptcpkit.shell.dsl;
