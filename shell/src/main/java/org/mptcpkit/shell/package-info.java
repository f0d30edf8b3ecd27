/**
 * The {@code mptcpkit} command line, the Groovy DSL and the JLine shell.
 *
 * <p>What it promises:
 * <ul>
 *   <li>{@link org.mptcpkit.shell.Main} dispatches subcommands ({@link org.mptcpkit.shell.Command});
 *       usage errors exit 2, user errors exit 1 with one sentence, never a stack trace. It loads a
 *       command's classes only when that command runs: a command without Groovy stays light.</li>
 *   <li>The DSL: {@link org.mptcpkit.shell.Dsl} is the base class of every shell input and script;
 *       the words are plain methods marked {@link org.mptcpkit.shell.Word}, registered in the
 *       {@link org.mptcpkit.shell.Vocabulary} (which also imports the model packages, names
 *       packet fields for completion and holds the result {@link org.mptcpkit.shell.Renderer}s).
 *       No {@code methodMissing}: the compiler, {@code @DelegatesTo} and completion see every word.</li>
 *   <li>{@code mptcpkit shell}: on a terminal, JLine with history, multi-line input, completion,
 *       colour and one-line errors ({@code :trace} for the whole trace); fed by a pipe, the same
 *       commands without prompt, each result printed, exit 1 if one failed.</li>
 *   <li>{@code mptcpkit script FILE [args]}: the same DSL; errors as {@code FILE:LINE: message}.</li>
 *   <li>{@code --lab} (both commands): a lab where the local kernel is an MPTCP echo server on two
 *       addresses, bound as {@code lab}, closed on every way out (end of input, Ctrl-D, an
 *       exception, a signal); a lab that cannot be built is one sentence and exit 1.</li>
 *   <li>The packet words live in {@link org.mptcpkit.shell.dsl}: {@link org.mptcpkit.shell.Dsl}
 *       extends {@link org.mptcpkit.shell.dsl.PacketDsl}, so they are instance methods of every
 *       script (a closure's delegate is asked first, which static imports would bypass).</li>
 * </ul>
 *
 * <p>Depends on packetlib (the model) and on Groovy and JLine; nothing depends on it.
 */
package org.mptcpkit.shell;
