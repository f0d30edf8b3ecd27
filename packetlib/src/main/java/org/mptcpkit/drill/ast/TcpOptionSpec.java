package org.mptcpkit.drill.ast;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.mptcpkit.packet.Bytes;

/**
 * One TCP option of a packet line, as written. Wire sizes are given by {@link OptionLengths}.
 *
 * <p>Generic options: {@code nop}, {@code eol}, {@code mss N}, {@code wscale N}, {@code sackOK},
 * {@code sack L:R [L:R ...]}, {@code TS val N ecr N}, {@code md5 HEX}, {@code FO [HEX]},
 * {@code FOEXP [HEX]}. MPTCP options (kind 30) implement {@link Mptcp}.
 */
public sealed interface TcpOptionSpec {

    /** {@code eol}: kind 0, 1 byte. */
    record Eol() implements TcpOptionSpec {
    }

    /** {@code nop}: kind 1, 1 byte. */
    record Nop() implements TcpOptionSpec {
    }

    /** {@code mss 1460}: kind 2, 4 bytes. */
    record Mss(int mss) implements TcpOptionSpec {
    }

    /** {@code wscale 7}: kind 3, 3 bytes. */
    record WindowScale(int shiftCount) implements TcpOptionSpec {
    }

    /** {@code sackOK}: kind 4, 2 bytes. */
    record SackPermitted() implements TcpOptionSpec {
    }

    /** {@code sack 1:1001 2001:3001}: kind 5, 2 + 8 per block. Relative sequence numbers. */
    record Sack(List<SackBlock> blocks) implements TcpOptionSpec {
        public Sack {
            blocks = List.copyOf(blocks);
        }
    }

    /** One SACK block, left and right edges (u32). */
    record SackBlock(long left, long right) {
    }

    /** {@code TS val 100 ecr 0}: kind 8, 10 bytes. */
    record Timestamp(long value, long echoReply) implements TcpOptionSpec {
    }

    /** {@code md5 0123...}: kind 19, 2 + digest bytes (up to 16). */
    record Md5(Bytes digest) implements TcpOptionSpec {
        public Md5 {
            Objects.requireNonNull(digest, "digest");
        }
    }

    /** {@code FO [cookie]}: TCP Fast Open, kind 34, 2 + cookie bytes (RFC 7413). */
    record FastOpen(Bytes cookie) implements TcpOptionSpec {
        public FastOpen {
            Objects.requireNonNull(cookie, "cookie");
        }
    }

    /** {@code FOEXP [cookie]}: experimental TFO, kind 254 with magic 0xF989, 4 + cookie bytes. */
    record FastOpenExp(Bytes cookie) implements TcpOptionSpec {
        public FastOpenExp {
            Objects.requireNonNull(cookie, "cookie");
        }
    }

    /** An MPTCP option (kind 30, RFC 8684 §3 and RFC 6824 for v0). */
    sealed interface Mptcp extends TcpOptionSpec {
    }

    /**
     * {@code mpcapable VER flags[...] KEYS [mpcdatalen N]}: MP_CAPABLE (RFC 8684 §3.1).
     * {@code nokey} gives the 4-byte SYN form, {@code key[A]} 12 bytes, {@code key[A, B]}
     * 20 bytes (sender key first), and {@code mpcdatalen N} the 22-byte form with a data-level
     * length, e.g. {@code mpcapable v1 flags[flag_h] key[ckey, skey] mpcdatalen 100}.
     *
     * @param version         0 or 1 ({@code none} means 1)
     * @param flags           A=0x80 (checksum required) ... H=0x01 (HMAC-SHA256)
     * @param keys            zero, one or two key variables
     * @param dataLevelLength 0 when absent
     */
    record MpCapable(int version, int flags, List<KeyVar> keys, int dataLevelLength) implements Mptcp {
        public MpCapable {
            keys = List.copyOf(keys);
        }
    }

    /**
     * The legacy v0 form {@code mp_capable A[=INT] [B[=INT]] [flag_a] ... [flag_h] [no_flags]}
     * or {@code mp_capable_no_cs ...}: MP_CAPABLE version 0, 12 or 20 bytes. Without flags the
     * fork uses 0x81 ({@code mp_capable}) or 0x01 ({@code mp_capable_no_cs}).
     *
     * @param noChecksum written {@code mp_capable_no_cs}
     * @param flags      the resulting flags byte
     */
    record MpCapableV0(boolean noChecksum, KeyVar senderKey, Optional<KeyVar> receiverKey, int flags)
            implements Mptcp {
        public MpCapableV0 {
            Objects.requireNonNull(senderKey, "senderKey");
            Objects.requireNonNull(receiverKey, "receiverKey");
        }
    }

    /**
     * {@code mp_join_syn [backup=0|1] [address_id=N|auto] TOKEN [rand=N]}: MP_JOIN SYN, 12 bytes.
     *
     * @param addressId absent for {@code auto} or unwritten
     * @param rand      the sender's random number; absent means 42 inbound (fork quirk)
     */
    record MpJoinSyn(boolean backup, OptionalInt addressId, TokenSpec token, OptionalLong rand) implements Mptcp {
        public MpJoinSyn {
            Objects.requireNonNull(addressId, "addressId");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(rand, "rand");
        }
    }

    /** {@code mp_join_syn_ack [backup=] [address_id=] HMAC [rand=N]}: MP_JOIN SYN-ACK, 16 bytes. */
    record MpJoinSynAck(boolean backup, OptionalInt addressId, HmacSpec hmac, OptionalLong rand) implements Mptcp {
        public MpJoinSynAck {
            Objects.requireNonNull(addressId, "addressId");
            Objects.requireNonNull(hmac, "hmac");
            Objects.requireNonNull(rand, "rand");
        }
    }

    /** {@code mp_join_ack HMAC}: MP_JOIN third ACK, 24 bytes. */
    record MpJoinAck(HmacSpec hmac) implements Mptcp {
        public MpJoinAck {
            Objects.requireNonNull(hmac, "hmac");
        }
    }

    /**
     * {@code dss [dack4|dack8[=V]] [dsn4|dsn8[=V]] [ssn=N] [dll=N] [nocs|cksum=N] [fin]}: DSS
     * (RFC 8684 §3.3). With a data ACK only, the option is 8 or 12 bytes and {@code ssn},
     * {@code dll} and {@code nocs} do not change it. With both, 20/24/24/28 bytes
     * (4/4, 4/8, 8/4, 8/8), 2 fewer with {@code nocs}. A mapping without a data ACK is an
     * extension of ours: the fork's parser crashes on it.
     *
     * @param dataAck          {@code dack4}/{@code dack8}
     * @param dataSequence     {@code dsn4}/{@code dsn8}
     * @param subflowSequence  {@code ssn=N}: computed inbound when absent
     * @param dataLevelLength  {@code dll=N}: payload length (+1 with {@code fin}) when absent
     * @param dataFin          {@code fin}: the F flag
     */
    record Dss(Optional<DssNumber> dataAck, Optional<DssNumber> dataSequence, OptionalLong subflowSequence,
               OptionalInt dataLevelLength, DssChecksum checksum, boolean dataFin) implements Mptcp {
        public Dss {
            Objects.requireNonNull(dataAck, "dataAck");
            Objects.requireNonNull(dataSequence, "dataSequence");
            Objects.requireNonNull(subflowSequence, "subflowSequence");
            Objects.requireNonNull(dataLevelLength, "dataLevelLength");
            Objects.requireNonNull(checksum, "checksum");
        }
    }

    /**
     * {@code add_address [address_id=N|auto] addr[NAME[=inet_addr("a.b.c.d")]] [port=N] (addr_echo|hmac=N|hmac=auto)}:
     * ADD_ADDR (RFC 8684 §3.4.1). IPv4: 8 bytes echo, 10 echo with port, 16 with HMAC, 18 with
     * HMAC and port; IPv6: 12 more each.
     *
     * @param address the literal written in {@code addr[NAME=inet_addr("...")]}; when absent the
     *                variable's address is used, and the option is IPv4-sized as in the fork
     */
    record AddAddress(OptionalInt addressId, String addressVariable, Optional<InetAddress> address,
                      OptionalInt port, AddAddrHmac hmac) implements Mptcp {
        public AddAddress {
            Objects.requireNonNull(addressId, "addressId");
            Objects.requireNonNull(addressVariable, "addressVariable");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(hmac, "hmac");
        }
    }

    /** {@code remove_address address_id=[1, 2]}: REMOVE_ADDR (RFC 8684 §3.4.2), 3 + n bytes. */
    record RemoveAddress(List<Integer> addressIds) implements Mptcp {
        public RemoveAddress {
            addressIds = List.copyOf(addressIds);
        }
    }

    /** {@code mp_prio backup=1 [address_id=N]}: MP_PRIO (RFC 8684 §3.3.8), 3 bytes, 4 with an id. */
    record MpPrio(boolean backup, OptionalInt addressId) implements Mptcp {
        public MpPrio {
            Objects.requireNonNull(addressId, "addressId");
        }
    }

    /** {@code mp_fail dsn8=V}: MP_FAIL (RFC 8684 §3.7), 12 bytes. */
    record MpFail(DssValue dataSequence) implements Mptcp {
        public MpFail {
            Objects.requireNonNull(dataSequence, "dataSequence");
        }
    }

    /**
     * {@code mp_fastclose [NAME|NAME=INT] [+N]}: MP_FASTCLOSE (RFC 8684 §3.5), 12 bytes.
     * Without a key the inbound option carries the kernel's key and the outbound one is not
     * checked.
     *
     * @param offset the {@code +N} added to the key variable
     */
    record MpFastclose(Optional<KeyVar> key, long offset) implements Mptcp {
        public MpFastclose {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * {@code mp_reset REASON [flags[flag_t]]}: MP_TCPRST (RFC 8684 §3.6), 4 bytes.
     *
     * @param transientFlag the T flag
     */
    record MpReset(int reason, boolean transientFlag) implements Mptcp {
    }
}
