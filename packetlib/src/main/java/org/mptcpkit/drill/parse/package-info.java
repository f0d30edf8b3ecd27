/**
 * Stage 2 of the {@code .pkt} front end: the recursive-descent
 * {@link org.mptcpkit.drill.parse.Parser} from tokens to the {@link org.mptcpkit.drill.ast} AST,
 * with the fork's semantic checks made at parse time, and the table of packetdrill's
 * {@code --options} ({@link org.mptcpkit.drill.parse.PacketdrillOptions}).
 * Promises: the first error of a script as a {@link org.mptcpkit.drill.ScriptException} at the
 * offending token, saying what was expected; no other exception on any input; no global state.
 * Depends on {@code lex}, {@code ast} and {@code org.mptcpkit.packet.Bytes}.
 */
package org.mptcpkit.drill.parse;
