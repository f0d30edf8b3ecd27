/**
 * Stage 1 of the {@code .pkt} front end: the {@link org.mptcpkit.drill.lex.Lexer} turns script
 * text into {@link org.mptcpkit.drill.lex.Token}s with the fork's flex semantics (longest match,
 * then rule order), the fork's reserved words ({@link org.mptcpkit.drill.lex.Keyword}) and
 * {@code -D} substitution. Promises: a 1-based line and column on every token, no global state,
 * and a {@link org.mptcpkit.drill.ScriptException} (never another exception) for bad input.
 * Depends on nothing but the JDK and {@code org.mptcpkit.drill.ScriptException}.
 */
package org.mptcpkit.drill.lex;
