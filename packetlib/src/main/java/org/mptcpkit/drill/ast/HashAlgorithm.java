package org.mptcpkit.drill.ast;

/** The hash behind an MPTCP token or IDSN: SHA-1 for MPTCP v0 (RFC 6824), SHA-256 for v1 (RFC 8684). */
public enum HashAlgorithm {
    SHA1, SHA256
}
