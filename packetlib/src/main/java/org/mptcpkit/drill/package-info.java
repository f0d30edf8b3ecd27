/**
 * The {@code .pkt} interpreter: a packetdrill-compatible language, MPTCP fork included
 * (multipath-tcp/packetdrill, branch mptcp-net-next), run against the kernel under test.
 *
 * <p>One stage a package, each re-entrant (no global state: two scripts can be parsed and run in
 * one JVM at once):
 * <ol>
 *   <li>{@link org.mptcpkit.drill.lex}: characters to tokens, flex's longest-match rules, a
 *       position on every token, {@code -D} macro substitution;</li>
 *   <li>{@link org.mptcpkit.drill.parse}: tokens to the AST by recursive descent, with the fork's
 *       semantic checks at parse time;</li>
 *   <li>{@link org.mptcpkit.drill.ast}: the script as immutable records and sealed interfaces,
 *       the option sizes, and the printer back to {@code .pkt} syntax;</li>
 *   <li>{@link org.mptcpkit.drill.exec}: runs scripts against the kernel, one fresh network
 *       namespace per run, and reports; {@link org.mptcpkit.drill.DrillMain} is
 *       {@code mptcpkit drill}, {@link org.mptcpkit.drill.junit} the JUnit 5 helper.</li>
 * </ol>
 *
 * <p>Every error is a {@link org.mptcpkit.drill.ScriptException} whose message reads
 * {@code file:line:col: message}. {@link org.mptcpkit.drill.DrillCheck} is the
 * {@code --dry_run} command line over the front end.
 *
 * <p>Dependencies point one way: this package uses {@code org.mptcpkit.packet} (and later
 * {@code wire}, {@code crypto}, {@code io}); nothing below it uses drill.
 */
package org.mptcpkit.drill;
