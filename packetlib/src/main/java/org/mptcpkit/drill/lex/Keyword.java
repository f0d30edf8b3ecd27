package org.mptcpkit.drill.lex;

import java.util.HashMap;
import java.util.Map;

/**
 * The reserved words of the MPTCP packetdrill fork ({@code lexer.l}, branch mptcp-net-next).
 *
 * <p>They are case-sensitive and can never be used as a plain word: not as a syscall symbol, a
 * key variable, an errno note or a {@code -D} name. Flex matches a keyword only when the whole
 * word is the keyword ({@code acked} is a word, {@code ack} a keyword). Two spellings map to one
 * keyword as in the fork: {@code Flags}/{@code flags} and {@code GREv0}/{@code gre}.
 *
 * <p>The upstream-only words ({@code encap psp spi ECN e0b e1b ceb}) and the later
 * {@code tv_sec}/{@code tv_usec} are deliberately not reserved: the 2021 fork the scripts were
 * written for accepts them as plain words.
 */
public enum Keyword {
    // struct fields and helpers of syscall expressions
    SA_FAMILY("sa_family"), SIN_PORT("sin_port"), SIN_ADDR("sin_addr"),
    MSG_NAME("msg_name"), MSG_IOV("msg_iov"), MSG_FLAGS("msg_flags"), MSG_CONTROL("msg_control"),
    CMSG_DATA("cmsg_data"), CMSG_LEVEL("cmsg_level"), CMSG_TYPE("cmsg_type"),
    EE_ERRNO("ee_errno"), EE_ORIGIN("ee_origin"), EE_TYPE("ee_type"), EE_CODE("ee_code"),
    EE_INFO("ee_info"), EE_DATA("ee_data"), SCM_SEC("scm_sec"), SCM_NSEC("scm_nsec"),
    FD("fd"), U32("u32"), U64("u64"), PTR("ptr"), EVENTS("events"), REVENTS("revents"),
    ONOFF("onoff"), LINGER("linger"), HTONS("htons"), INET_ADDR("inet_addr"), INET6_ADDR("inet6_addr"),
    // MPTCP (fork only)
    ADDR("addr"), ADDRESS_ID("address_id"), ADDRESSES_ID("addresses_id"),
    DACK4("dack4"), DACK8("dack8"), DSN4("dsn4"), DSN8("dsn8"), DSS("dss"), SSN("ssn"), DLL("dll"),
    FIN("fin"), NOCS("nocs"), CKSUM("cksum"), AUTO("auto"),
    MP_CAPABLE("mp_capable"), MP_CAPABLE_NO_CS("mp_capable_no_cs"), MPCAPABLE("mpcapable"),
    MPCDATALEN("mpcdatalen"), V0("v0"), V1("v1"),
    FLAG_A("flag_a"), FLAG_B("flag_b"), FLAG_C("flag_c"), FLAG_D("flag_d"), FLAG_E("flag_e"),
    FLAG_F("flag_f"), FLAG_G("flag_g"), FLAG_H("flag_h"), FLAG_T("flag_t"), NO_FLAGS("no_flags"),
    NOKEY("nokey"), MP_JOIN_SYN("mp_join_syn"), BACKUP("backup"), MP_JOIN_SYN_ACK("mp_join_syn_ack"),
    MP_JOIN_ACK("mp_join_ack"), ADD_ADDRESS("add_address"), ADDR_ECHO("addr_echo"), PORT("port"),
    ADD_ADDR_IPV4("add_addr_ipv4"), ADD_ADDR_IPV6("add_addr_ipv6"), REMOVE_ADDRESS("remove_address"),
    LIST_ID("list_id"), MP_PRIO("mp_prio"), MP_FAIL("mp_fail"), MP_FASTCLOSE("mp_fastclose"),
    MP_RESET("mp_reset"), RAND("rand"), SENDER_HMAC("sender_hmac"), HMAC("hmac"),
    SHA1_32("sha1_32"), SHA256_32("sha256_32"), TOKEN("token"), TRUNC_L64_HMAC("trunc_l64_hmac"),
    TRUNC_R64_HMAC("trunc_r64_hmac"), TRUNC_R64_HMAC_SHA1("trunc_r64_hmac_sha1"),
    TRUNC_R64_HMAC_SHA256("trunc_r64_hmac_sha256"), FULL_160_HMAC("full_160_hmac"),
    // IP encapsulation, ICMP, UDP, GRE, MPLS
    IPV4("ipv4"), IPV6("ipv6"), ICMP("icmp"), UDP("udp"), GRE("gre", "GREv0"), RAW("raw"),
    SUM("sum"), OFF("off"), KEY("key"), SEQ("seq"), NONE("none"), CHECKSUM("checksum"),
    SEQUENCE("sequence#"), PRESENT("present"), MPLS("mpls"), LABEL("label"), TC("tc"), TTL("ttl"),
    // TCP packets and options
    ACK("ack"), EOL("eol"), ECR("ecr"), MSS("mss"), MTU("mtu"), NOP("nop"), SACK("sack"),
    SACKOK("sackOK"), MD5("md5"), TS("TS"), FO("FO"), FOEXP("FOEXP"), TOS("tos"),
    FLOWLABEL("flowlabel"), FLAGS("flags", "Flags"), VAL("val"), WIN("win"), URG("urg"),
    WSCALE("wscale"), ECT01("ect01"), ECT0("ect0"), ECT1("ect1"), NOECN("noecn"), CE("ce"), ID("id");

    private static final Map<String, Keyword> BY_SPELLING = new HashMap<>();

    static {
        for (Keyword k : values()) {
            for (String s : k.spellings) BY_SPELLING.put(s, k);
        }
    }

    private final String spelling;
    private final String[] spellings;

    Keyword(String spelling, String... alternatives) {
        this.spelling = spelling;
        this.spellings = new String[alternatives.length + 1];
        this.spellings[0] = spelling;
        System.arraycopy(alternatives, 0, this.spellings, 1, alternatives.length);
    }

    /** The canonical spelling, as written in scripts. */
    public String spelling() {
        return spelling;
    }

    /** The keyword spelled exactly {@code word}, or null when {@code word} is not reserved. */
    public static Keyword of(String word) {
        return BY_SPELLING.get(word);
    }

    @Override
    public String toString() {
        return spelling;
    }
}
