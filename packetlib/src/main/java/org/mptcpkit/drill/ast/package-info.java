/**
 * The {@code .pkt} script as data: immutable records and sealed interfaces, one per form of the
 * language, so a {@code switch} over them has no {@code default} and the compiler finds a missing
 * case. {@link org.mptcpkit.drill.ast.Script} holds options, init command, events and cleanup
 * command; an {@link org.mptcpkit.drill.ast.Event} pairs an
 * {@link org.mptcpkit.drill.ast.EventTime} with an {@link org.mptcpkit.drill.ast.Action}
 * (packet, system call, command or code). Values stay as written: relative sequence numbers, key
 * and address variables, {@code auto} fields; the executor gives them meaning.
 *
 * <p>Also here, because they are facts about the language that the parser and the executor
 * share: {@link org.mptcpkit.drill.ast.OptionLengths} (the wire size of every option keyword),
 * {@link org.mptcpkit.drill.ast.Syscalls} (the supported calls and their argument counts) and
 * {@link org.mptcpkit.drill.ast.ScriptPrinter} (back to canonical {@code .pkt} text).
 * Depends only on {@code org.mptcpkit.packet.Bytes}.
 */
package org.mptcpkit.drill.ast;
