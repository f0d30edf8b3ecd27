package org.mptcpkit.drill.ast;

/** What an event does: inject or expect a packet, make a system call, run a command or code. */
public sealed interface Action permits PacketEvent, SyscallEvent, CommandEvent, CodeEvent {
}
