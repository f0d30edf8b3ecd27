package org.mptcpkit.packet;

/**
 * One element of a TCP header's option list (RFC 9293 §3.1, §3.2). Every option with a length
 * byte has a {@code length} component: {@link Field#AUTO} lets the encoder write the right value,
 * anything else is written as given, so a wrong length can be crafted.
 *
 * <p>The decoder keeps every option area byte for byte: a known kind whose length does not fit
 * its layout becomes an {@link UnknownOption}; bytes that are no option at all (after an EOL, or
 * from a length byte of 0 or 1, or an option running past the header) become a trailing
 * {@link RawOptionBytes}.
 */
public sealed interface TcpOption
        permits Eol, Nop, Mss, WindowScale, SackPermitted, Sack, Timestamps, FastOpen, Md5Signature,
                MptcpOption, UnknownOption, RawOptionBytes {
    /** The option kind byte (RFC 9293 §3.2). */
    int kind();
}
