package org.mptcpkit.shell.dsl;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpkit.format.PacketFormatter;
import org.mptcpkit.io.PacketIo;
import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.io.pcap.LinkFrame;
import org.mptcpkit.io.pcap.LinkType;
import org.mptcpkit.io.pcap.PcapReader;
import org.mptcpkit.io.pcap.PcapRecord;
import org.mptcpkit.io.pcap.PcapWriter;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Eol;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.Md5Signature;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpExperimental;
import org.mptcpkit.packet.MpFail;
import org.mptcpkit.packet.MpFastclose;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.MpPrio;
import org.mptcpkit.packet.MpTcpRst;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.RemoveAddr;
import org.mptcpkit.packet.Sack;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.peer.MptcpPeer;
import org.mptcpkit.peer.Step;
import org.mptcpkit.shell.Word;
import org.mptcpkit.wire.PacketCodec;

/**
 * The packet words of the DSL, over the model's Java builders: layers ({@code IP}, {@code IPv6},
 * {@code TCP}), every TCP option and MPTCP suboption, output ({@code show}, {@code hexdump},
 * {@code ls}), pcap files, packet I/O on the current lab and the stateful peer.
 *
 * <p>They are instance methods of the script base class (not static imports) on purpose: inside
 * a {@code TCP { ... }} closure Groovy then asks the closure's delegate first, so {@code mss 1460}
 * there appends an option to the segment, while at top level it makes one. A statically imported
 * word would be compiled into a direct call and bypass the delegate.
 *
 * <p>The current lab is the {@code lab} variable (bound by {@code mptcpkit shell --lab}); the
 * packet I/O on it is opened on first use and closed with the lab ({@link LabResources}).
 */
public abstract class PacketDsl extends Script {
    static final Map<String, String> IP4 = Build.aliases("id", "identification", "len", "totalLength",
            "chksum", "headerChecksum", "proto", "protocol", "frag", "fragmentOffset", "load", "payload");
    static final Map<String, String> IP6 = Build.aliases("hlim", "hopLimit", "ttl", "hopLimit", "nh", "nextHeader",
            "plen", "payloadLength", "fl", "flowLabel", "tc", "trafficClass", "load", "payload");
    static final Map<String, String> TCP = Build.aliases("sport", "srcPort", "dport", "dstPort", "win", "window",
            "chksum", "checksum", "dataofs", "dataOffset", "urgptr", "urgentPointer");
    /** scapy's defaults for a bare TCP(): from port 20 to 80, SYN, window 8192. */
    static final int DEFAULT_SPORT = 20;
    static final int DEFAULT_DPORT = 80;
    static final int DEFAULT_WINDOW = 8192;
    static final long DEFAULT_TIMEOUT_MS = 1000;

    protected PacketDsl() {
    }

    protected PacketDsl(Binding binding) {
        super(binding);
    }

    /** Where words print. */
    protected abstract PrintWriter dslOut();

    // ------------------------------------------------------------------------------ layers

    @Word(value = "an IPv4 header; src/dst default to the lab's first path (else 127.0.0.1)",
            usage = "IP(dst:'10.0.0.1', ttl:64)",
            // (Also accepted, not offered by Tab so that d<Tab> is dst: df, mf, dscp, ecn.)
            fields = {"src", "dst", "ttl", "id", "tos", "flags", "frag", "len", "chksum", "proto", "ihl", "version",
                    "options", "payload"})
    public Ip4 IP(Map<String, ?> fields) {
        Ip4.Builder b = Ip4.builder();
        Lab.Subnet path = labPath(false);
        b.src(path == null ? "127.0.0.1" : path.peer().getHostAddress());
        b.dst(path == null ? "127.0.0.1" : path.kernel().getHostAddress());
        Map<String, Object> a = new LinkedHashMap<>(fields);
        Object flags = a.remove("flags");
        if (flags instanceof CharSequence cs) {
            String f = cs.toString().toUpperCase(java.util.Locale.ROOT);
            b.df(f.contains("DF")).mf(f.contains("MF"));
            String rest = f.replace("DF", "").replace("MF", "").replace("+", "").replace(",", "").replace("|", "").strip();
            if (!rest.isEmpty()) throw new IllegalArgumentException("IP: flags: '" + cs + "' (expected: 'DF', 'MF', 'DF+MF' or '')");
        } else if (flags != null) {
            throw new IllegalArgumentException("IP: flags: " + Build.describe(flags) + " (expected: 'DF', 'MF', 'DF+MF' or '')");
        }
        // scapy's IP() alone: protocol 0 (nothing above it yet); stacking a TCP segment with `/`
        // turns it back to auto (6). With a payload or proto: given, the usual rule.
        if (!a.containsKey("proto") && !a.containsKey("protocol") && !a.containsKey("payload") && !a.containsKey("load")) b.protocol(0);
        Build.apply("IP", b, a, IP4);
        return (Ip4) Build.finish("IP", b);
    }

    @Word(value = "an IPv4 header; src/dst default to the lab's first path (else 127.0.0.1)", usage = "IP(dst:'10.0.0.1', ttl:64)")
    public Ip4 IP() {
        return IP(Map.of());
    }

    @Word(value = "an IPv4 header; src/dst default to the lab's first path (else 127.0.0.1)", usage = "IP { dst '10.0.0.1'; ttl 3 }")
    public Ip4 IP(@DelegatesTo(value = Ip4.Builder.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        return IP(Map.of(), body);
    }

    @Word(value = "an IPv4 header; src/dst default to the lab's first path (else 127.0.0.1)", usage = "IP(dst:'10.0.0.1') { ttl 3 }")
    public Ip4 IP(Map<String, ?> fields, @DelegatesTo(value = Ip4.Builder.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        Ip4.Builder b = IP(fields).toBuilder();
        run(body, b);
        return (Ip4) Build.finish("IP", b);
    }

    @Word(value = "an IPv6 header; src/dst default to the lab's first IPv6 path (else ::1)",
            usage = "IPv6(dst:'fd00:10:1::1', hlim:64)",
            fields = {"src", "dst", "hlim", "tc", "fl", "nh", "plen", "dscp", "ecn", "version", "extensionHeaders", "payload"})
    public Ip6 IPv6(Map<String, ?> fields) {
        Ip6.Builder b = Ip6.builder();
        Lab.Subnet path = labPath(true);
        b.src(path == null ? "::1" : path.peer().getHostAddress());
        b.dst(path == null ? "::1" : path.kernel().getHostAddress());
        if (!fields.containsKey("nh") && !fields.containsKey("nextHeader") && !fields.containsKey("payload") && !fields.containsKey("load")) {
            b.nextHeader(59); // RFC 8200 §4.7: no next header, until a segment is stacked
        }
        Build.apply("IPv6", b, fields, IP6);
        return (Ip6) Build.finish("IPv6", b);
    }

    @Word(value = "an IPv6 header; src/dst default to the lab's first IPv6 path (else ::1)", usage = "IPv6(dst:'fd00:10:1::1')")
    public Ip6 IPv6() {
        return IPv6(Map.of());
    }

    @Word(value = "an IPv6 header; src/dst default to the lab's first IPv6 path (else ::1)", usage = "IPv6 { hopLimit 1 }")
    public Ip6 IPv6(@DelegatesTo(value = Ip6.Builder.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        Ip6.Builder b = IPv6(Map.of()).toBuilder();
        run(body, b);
        return (Ip6) Build.finish("IPv6", b);
    }

    @Word(value = "a TCP header (scapy's defaults: sport 20, dport 80, flags 'S', window 8192)",
            usage = "TCP(sport:40000, dport:8080, flags:'S', options:[mss(1460), MpCapable()])",
            fields = {"sport", "dport", "flags", "seq", "ack", "win", "options", "payload", "chksum", "dataofs",
                    "urgptr", "reserved", "srcPort", "dstPort", "window"})
    public Tcp TCP(Map<String, ?> fields) {
        return tcpSpec("TCP", fields).build();
    }

    @Word(value = "a TCP header (scapy's defaults: sport 20, dport 80, flags 'S', window 8192)", usage = "TCP(dport:8080)")
    public Tcp TCP() {
        return TCP(Map.of());
    }

    @Word(value = "a TCP header built in a closure: fields, flags and options by short name",
            usage = "TCP { syn(); mss 1460; sackOK(); ts 1, 0; wscale 7; mpCapable v1 }")
    public Tcp TCP(@DelegatesTo(value = TcpSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        return TCP(Map.of(), body);
    }

    @Word(value = "a TCP header built in a closure: fields, flags and options by short name",
            usage = "TCP(dport:8080) { syn(); mss 1460; mpCapable v1 }")
    public Tcp TCP(Map<String, ?> fields, @DelegatesTo(value = TcpSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        TcpSpec spec = tcpSpec("TCP", fields);
        run(body, spec);
        return spec.build();
    }

    private static TcpSpec tcpSpec(String word, Map<String, ?> fields) {
        Tcp.Builder b = Tcp.builder().srcPort(DEFAULT_SPORT).dstPort(DEFAULT_DPORT).window(DEFAULT_WINDOW);
        Map<String, Object> a = new LinkedHashMap<>(fields);
        Object options = a.remove("options");
        Object payload = a.containsKey("payload") ? a.remove("payload") : a.remove("load");
        boolean flagsSet = a.containsKey("flags");
        Build.apply(word, b, a, TCP);
        if (options != null) {
            if (!(options instanceof Collection<?> c)) {
                throw new IllegalArgumentException(word + ": options: " + Build.describe(options) + " (expected: a list of options, e.g. [mss(1460), MpCapable()])");
            }
            List<TcpOption> list = new ArrayList<>();
            int i = 0;
            for (Object o : c) {
                if (!(o instanceof TcpOption opt)) {
                    throw new IllegalArgumentException(word + ": options[" + i + "]: " + Build.describe(o)
                            + " (expected: a TCP option, e.g. mss(1460), MpCapable(), Option(kind:99, bytes:'01'))");
                }
                list.add(opt);
                i++;
            }
            b.options(list);
        }
        if (payload instanceof CharSequence cs) {
            b.payloadUtf8(cs.toString());
        } else if (payload != null) {
            Object bytes = Build.bytes(payload);
            if (!(bytes instanceof Bytes by)) throw new IllegalArgumentException(word + ": payload: " + Build.describe(payload) + " (expected: text, Bytes or a byte list)");
            b.payload(by);
        }
        return new TcpSpec(b, flagsSet);
    }

    private static void run(Closure<?> body, Object delegate) {
        Closure<?> c = (Closure<?>) body.clone();
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.setDelegate(delegate);
        c.call(delegate);
    }

    // ----------------------------------------------------------------------------- options

    @Word(value = "TCP option MSS (kind 2)", usage = "mss(1460)")
    public Mss mss(int mss) {
        return Options.mss(Map.of("mss", mss));
    }

    @Word(value = "TCP option MSS (kind 2), any field", usage = "Mss(mss:1460, length:5)", builds = Mss.class)
    public Mss Mss(Map<String, ?> fields) {
        return Options.mss(fields);
    }

    @Word(value = "TCP option window scale (kind 3)", usage = "wscale(7)")
    public org.mptcpkit.packet.WindowScale wscale(int shift) {
        return Options.wscale(Map.of("shift", shift));
    }

    @Word(value = "TCP option window scale (kind 3), any field", usage = "WindowScale(shift:7)", builds = org.mptcpkit.packet.WindowScale.class)
    public org.mptcpkit.packet.WindowScale WindowScale(Map<String, ?> fields) {
        return Options.wscale(fields);
    }

    @Word(value = "TCP option SACK permitted (kind 4)", usage = "sackOK()")
    public SackPermitted sackOK() {
        return SackPermitted.INSTANCE;
    }

    @Word(value = "TCP option SACK permitted (kind 4), any field", usage = "SackPermitted(length:3)", builds = SackPermitted.class)
    public SackPermitted SackPermitted(Map<String, ?> fields) {
        return Options.sackOK(fields);
    }

    @Word(value = "TCP option SACK (kind 5): [[left, right], ...]", usage = "sack([[1000, 2000]])")
    public Sack sack(List<?> blocks) {
        return Options.sack(Map.of("blocks", blocks));
    }

    @Word(value = "TCP option SACK (kind 5), any field", usage = "Sack(blocks:[[1000, 2000]])", builds = Sack.class)
    public Sack Sack(Map<String, ?> fields) {
        return Options.sack(fields);
    }

    @Word(value = "TCP option timestamps (kind 8)", usage = "ts(1, 0)")
    public Timestamps ts(long tsVal, long tsEcr) {
        return Options.ts(Map.of("tsVal", tsVal, "tsEcr", tsEcr));
    }

    @Word(value = "TCP option timestamps (kind 8), any field", usage = "Timestamps(tsVal:1, tsEcr:0)", builds = Timestamps.class)
    public Timestamps Timestamps(Map<String, ?> fields) {
        return Options.ts(fields);
    }

    @Word(value = "TCP option no-operation (kind 1)", usage = "nop()")
    public Nop nop() {
        return Nop.INSTANCE;
    }

    @Word(value = "TCP option end of list (kind 0)", usage = "eol()")
    public Eol eol() {
        return Eol.INSTANCE;
    }

    @Word(value = "TCP option Fast Open cookie (kind 34)", usage = "FastOpen(cookie:'0102030405060708')", builds = FastOpen.class)
    public FastOpen FastOpen(Map<String, ?> fields) {
        return Options.fastOpen(fields);
    }

    @Word(value = "TCP option MD5 signature (kind 19)", usage = "Md5Signature(digest:'00' * 16)", builds = Md5Signature.class)
    public Md5Signature Md5Signature(Map<String, ?> fields) {
        return Options.md5(fields);
    }

    @Word(value = "MP_CAPABLE; the form from the keys (senderKey: SYN-ACK, +receiverKey: ACK, +dataLevelLength: ACK with data) or form:",
            usage = "MpCapable()  (the v1 SYN form, flag H, as Linux sends it)")
    public MpCapable MpCapable() {
        return Options.mpCapable(Map.of());
    }

    @Word(value = "MP_CAPABLE; the form from the keys (senderKey: SYN-ACK, +receiverKey: ACK, +dataLevelLength: ACK with data) or form:",
            usage = "MpCapable(version:1, flags:'AH', senderKey:0x1122334455667788)",
            fields = {"version", "flags", "senderKey", "receiverKey", "dataLevelLength", "checksum", "length", "form",
                    "checksumRequired", "extensibility", "noMoreSubflows", "hmacSha", "reservedFlags"})
    public MpCapable MpCapable(Map<String, ?> fields) {
        return Options.mpCapable(fields);
    }

    @Word(value = "MP_JOIN; SYN (receiverToken, senderRandom), SYN-ACK (senderTruncatedHmac) or ACK (senderHmac, 20 bytes)",
            usage = "MpJoin(addressId:2, receiverToken:0x1234, senderRandom:7)",
            fields = {"addressId", "receiverToken", "senderRandom", "backup", "senderTruncatedHmac", "senderHmac", "length",
                    "reserved", "form"})
    public MpJoin MpJoin(Map<String, ?> fields) {
        return Options.mpJoin(fields);
    }

    @Word(value = "DSS: data ACK, mapping (dsn, ssn, dll), DATA_FIN, checksum (true: computed)",
            usage = "Dss(dataAck:1, dsn:1000, ssn:1, dll:5, checksum:true)",
            fields = {"dataAck", "dsn", "ssn", "dll", "checksum", "dataFin", "length", "flags", "dataAck32", "mapping32",
                    "dataAck8", "dataSequenceNumber8", "mappingPresent", "dataAckPresent", "reserved"})
    public Dss Dss(Map<String, ?> fields) {
        return Options.dss(fields);
    }

    @Word(value = "ADD_ADDR (v1; version:0 for RFC 6824's)", usage = "AddAddr(addressId:2, address:'10.0.1.1', truncatedHmac:0)",
            fields = {"addressId", "address", "port", "truncatedHmac", "echo", "length", "reserved", "version"})
    public AddAddr AddAddr(Map<String, ?> fields) {
        return Options.addAddr(fields);
    }

    @Word(value = "REMOVE_ADDR", usage = "RemoveAddr(ids:[1, 2])", fields = {"ids", "addressIds", "length", "reserved"})
    public RemoveAddr RemoveAddr(Map<String, ?> fields) {
        return Options.removeAddr(fields);
    }

    @Word(value = "MP_PRIO", usage = "MpPrio(backup:true, addressId:2)", builds = MpPrio.class)
    public MpPrio MpPrio(Map<String, ?> fields) {
        return Options.mpPrio(fields);
    }

    @Word(value = "MP_FAIL", usage = "MpFail(dsn:1000)", fields = {"dsn", "dataSequenceNumber", "length", "reserved"})
    public MpFail MpFail(Map<String, ?> fields) {
        return Options.mpFail(fields);
    }

    @Word(value = "MP_FASTCLOSE", usage = "MpFastclose(receiverKey:0x1122334455667788)", builds = MpFastclose.class)
    public MpFastclose MpFastclose(Map<String, ?> fields) {
        return Options.mpFastclose(fields);
    }

    @Word(value = "MP_TCPRST", usage = "MpTcpRst(reason:MpTcpRst.MIDDLEBOX_INTERFERENCE, flagT:true)", builds = MpTcpRst.class)
    public MpTcpRst MpTcpRst(Map<String, ?> fields) {
        return Options.mpTcpRst(fields);
    }

    @Word(value = "MP_EXPERIMENTAL (subtype 0xf)", usage = "MpExperimental(bits:1, body:'0102')", builds = MpExperimental.class)
    public MpExperimental MpExperimental(Map<String, ?> fields) {
        return Options.mpExperimental(fields);
    }

    @Word(value = "a raw option: bytes alone are the whole option; with kind, its data (length computed unless given); subtype: an MPTCP suboption",
            usage = "Option(kind:30, length:3, bytes:'00')", fields = {"kind", "length", "bytes", "subtype", "bits"})
    public TcpOption Option(Map<String, ?> fields) {
        return Options.option(fields);
    }

    // ------------------------------------------------------------------------------ output

    @Word(value = "prints a packet as a field tree, with the decoder's diagnostics; a step or peer as its transcript",
            usage = "show(IP()/TCP())")
    public void show(Object thing) {
        PrintWriter out = dslOut();
        out.println(Render.show(thing));
        out.flush();
    }

    @Word(value = "the one-line summary of a packet (what the shell prints for one)", usage = "summary(IP()/TCP())")
    public String summary(Object thing) {
        String s = Render.summary(thing);
        if (s == null) throw new IllegalArgumentException("summary: " + Build.describe(thing) + " (expected: a packet)");
        return s;
    }

    @Word(value = "prints a packet's bytes as offset, hex and ASCII, like tcpdump -X", usage = "hexdump(IP()/TCP())")
    public void hexdump(IpPacket packet) {
        print(PacketFormatter.hexdump(PacketCodec.encode(packet)).stripTrailing());
    }

    @Word(value = "prints a packet's bytes as offset, hex and ASCII, like tcpdump -X", usage = "hexdump(ans)")
    public void hexdump(PacketIo.Received packet) {
        print(PacketFormatter.hexdump(packet.bytes()).stripTrailing());
    }

    @Word(value = "the wire bytes of a packet (checksums and lengths computed where unset)", usage = "raw(IP()/TCP())")
    public Bytes raw(IpPacket packet) {
        return Bytes.wrap(PacketCodec.encode(packet));
    }

    @Word(value = "decodes bytes into a packet (lenient: a malformed packet decodes, with diagnostics)", usage = "decode(raw(IP()/TCP()))")
    public IpPacket decode(Bytes bytes) {
        return PacketCodec.decode(bytes).value();
    }

    @Word(value = "lists a layer's or option's fields with their defaults: ls(TCP), ls(MpCapable)", usage = "ls(TCP)")
    public void ls(Object type) {
        print(Render.ls(this, type));
    }

    // ---------------------------------------------------------------------------- pcap files

    @Word(value = "reads a pcap or pcapng file: its IP packets, decoded", usage = "rdpcap('capture.pcap')")
    public List<IpPacket> rdpcap(Object file) {
        Path path = Path.of(file.toString());
        List<IpPacket> packets = new ArrayList<>();
        try (PcapReader in = PcapReader.open(path)) {
            for (PcapRecord r : in) {
                LinkFrame f = r.link();
                if (f.isIp()) packets.add(PacketCodec.decode(f.payload()).value());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rdpcap: " + path + ": " + e.getMessage(), e);
        }
        return packets;
    }

    @Word(value = "writes packets to a pcap file (raw IP link type)", usage = "wrpcap('out.pcap', [syn, ans])")
    public void wrpcap(Object file, Object packets) {
        Path path = Path.of(file.toString());
        List<Object> list = packets instanceof Collection<?> c ? new ArrayList<>(c) : List.of(packets);
        try (PcapWriter w = PcapWriter.open(path, LinkType.RAW)) {
            long now = System.currentTimeMillis() * 1_000_000L;
            for (Object o : list) {
                if (o instanceof PacketIo.Received r) {
                    w.writePacket(r.epochNanos(), r.bytes());
                } else if (o instanceof IpPacket p) {
                    w.writePacket(now, Bytes.wrap(PacketCodec.encode(p)));
                } else {
                    throw new IllegalArgumentException("wrpcap: " + Build.describe(o) + " (expected: packets)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("wrpcap: " + path + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------- the lab

    @Word(value = "sends packets at layer 3 from the lab's peer side", usage = "send(IP()/TCP(flags:'R'))")
    public void send(Object packets) {
        PacketIo io = io("send");
        if (packets instanceof Collection<?> c) {
            io.send(packetList("send", c));
        } else {
            io.send(packet("send", packets));
        }
    }

    @Word(value = "sends a packet at layer 2, byte for byte (wrong IPv4 lengths and checksums stay wrong)", usage = "sendp(IP(chksum:0)/TCP())")
    public void sendp(Object packet) {
        io("sendp").sendp(packet("sendp", packet));
    }

    @Word(value = "sends a packet and returns the kernel's answer, or null after the timeout (ms, default 1000)", usage = "ans = sr1(syn)")
    public PacketIo.Received sr1(Object packet) {
        return sr1(packet, DEFAULT_TIMEOUT_MS);
    }

    @Word(value = "sends a packet and returns the kernel's answer, or null after the timeout (ms, default 1000)", usage = "ans = sr1(syn, 2000)")
    public PacketIo.Received sr1(Object packet, long timeoutMillis) {
        return io("sr1").sr1(packet("sr1", packet), timeoutMillis);
    }

    @Word(value = "sends packets and returns each one's answer (null where none came)", usage = "answers = sr([syn1, syn2])")
    public List<PacketIo.Received> sr(Collection<?> packets) {
        return sr(packets, DEFAULT_TIMEOUT_MS);
    }

    @Word(value = "sends packets and returns each one's answer (null where none came)", usage = "answers = sr([syn1, syn2], 2000)")
    public List<PacketIo.Received> sr(Collection<?> packets, long timeoutMillis) {
        return io("sr").sr(packetList("sr", packets), timeoutMillis);
    }

    @Word(value = "captures what the kernel sends: filter (tcpdump syntax), count, timeout (ms)",
            usage = "sniff(filter:'tcp port 8080', count:1, timeout:1000)", fields = {"filter", "count", "timeout"})
    public List<PacketIo.Received> sniff(Map<String, ?> args) {
        Map<String, Object> a = new LinkedHashMap<>(args);
        Object filter = a.remove("filter");
        Object count = a.remove("count");
        Object timeout = a.remove("timeout");
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("sniff: unknown field '" + a.keySet().iterator().next() + "' (expected one of: filter, count, timeout)");
        }
        if (count != null && !(count instanceof Integer)) throw new IllegalArgumentException("sniff: count: " + Build.describe(count) + " (expected: int)");
        if (timeout != null && !(timeout instanceof Number)) throw new IllegalArgumentException("sniff: timeout: " + Build.describe(timeout) + " (expected: milliseconds)");
        return io("sniff").sniff(filter == null ? "" : filter.toString(), count == null ? 0 : (Integer) count,
                timeout == null ? DEFAULT_TIMEOUT_MS : ((Number) timeout).longValue());
    }

    @Word(value = "captures what the kernel sends: filter (tcpdump syntax), count, timeout (ms)", usage = "sniff()  (everything for a second)")
    public List<PacketIo.Received> sniff() {
        return sniff(Map.of());
    }

    // ---------------------------------------------------------------------------- the peer

    @Word(value = "a stateful MPTCP peer on the lab, not yet connected (options: port, local, remote, checksum, timestamps, mss, timeout, key, seed)",
            usage = "peer = mptcp(lab, checksum:true)",
            fields = {"port", "local", "localPort", "remote", "checksum", "timestamps", "mss", "timeout", "key", "seed", "autoAck"})
    public MptcpPeer mptcp(Lab lab, Map<String, ?> options) {
        MptcpPeer peer = Peers.build(lab, options);
        LabResources.of(lab).own(peer);
        return peer;
    }

    @Word(value = "a stateful MPTCP peer on the lab, not yet connected (options: port, local, remote, checksum, timestamps, mss, timeout, key, seed)", usage = "peer = mptcp(checksum:true)")
    public MptcpPeer mptcp(Map<String, ?> options) {
        return mptcp(lab("mptcp"), options);
    }

    @Word(value = "a stateful MPTCP peer on the lab, not yet connected (options: port, local, remote, checksum, timestamps, mss, timeout, key, seed)", usage = "peer = mptcp()")
    public MptcpPeer mptcp() {
        return mptcp(lab("mptcp"), Map.of());
    }

    @Word(value = "a stateful MPTCP peer on the lab, not yet connected (options: port, local, remote, checksum, timestamps, mss, timeout, key, seed)", usage = "peer = mptcp(lab)")
    public MptcpPeer mptcp(Lab lab) {
        return mptcp(lab, Map.of());
    }

    @Word(value = "opens an MPTCP connection to the kernel (MP_CAPABLE handshake) and returns the peer; prints the handshake",
            usage = "peer = connect(lab, port:8080)",
            fields = {"port", "local", "localPort", "remote", "checksum", "timestamps", "mss", "timeout", "key", "seed", "autoAck", "data"})
    public MptcpPeer connect(Lab lab, Map<String, ?> options) {
        Map<String, Object> o = new LinkedHashMap<>(options);
        Object data = o.remove("data");
        MptcpPeer peer = mptcp(lab, o);
        Step step = data == null ? peer.connect() : peer.connect(data instanceof CharSequence cs ? Bytes.wrap(cs.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) : (Bytes) Build.bytes(data));
        print(Render.step(step));
        return peer;
    }

    @Word(value = "opens an MPTCP connection to the kernel (MP_CAPABLE handshake) and returns the peer; prints the handshake", usage = "peer = connect(port:8080)")
    public MptcpPeer connect(Map<String, ?> options) {
        return connect(lab("connect"), options);
    }

    @Word(value = "opens an MPTCP connection to the kernel (MP_CAPABLE handshake) and returns the peer; prints the handshake", usage = "peer = connect(lab)")
    public MptcpPeer connect(Lab lab) {
        return connect(lab, Map.of());
    }

    @Word(value = "opens an MPTCP connection to the kernel (MP_CAPABLE handshake) and returns the peer; prints the handshake", usage = "peer = connect()")
    public MptcpPeer connect() {
        return connect(lab("connect"), Map.of());
    }

    @Word(value = "a change for a packet the peer sends (its by-hand steps): tcp { }, ip { }, option(Type) { }, without(Type), adding(option)",
            usage = "peer.send(peer.subflow(0), hex('01'), alter { option(Dss) { withChecksum(0x1234) } })")
    public java.util.function.UnaryOperator<IpPacket> alter(
            @DelegatesTo(value = AlterSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        AlterSpec spec = new AlterSpec();
        run(body, spec);
        return spec.operator();
    }

    @Word(value = "prints every step of a peer: each packet sent (>) and received (<) as a summary line", usage = "transcript(peer)")
    public void transcript(MptcpPeer peer) {
        StringBuilder b = new StringBuilder();
        for (Step s : peer.transcript()) b.append(Render.step(s)).append('\n');
        print(b.toString().stripTrailing());
    }

    // ------------------------------------------------------------------------------ helpers

    private void print(String text) {
        PrintWriter out = dslOut();
        out.println(text);
        out.flush();
    }

    /** The current lab: the {@code lab} variable. */
    Lab lab(String word) {
        Object lab = getBinding().getVariables().get("lab");
        if (lab instanceof Lab l) {
            if (l.isClosed()) throw new IllegalStateException(word + ": the lab is closed");
            return l;
        }
        throw new IllegalStateException(word + ": no lab (start with 'mptcpkit shell --lab', or set lab = Lab.builder().echoServer(8080).build())");
    }

    private Lab.Subnet labPath(boolean ipv6) {
        Object lab = getBinding().getVariables().get("lab");
        if (!(lab instanceof Lab l)) return null;
        for (Lab.Subnet s : l.subnets()) {
            if (s.isIpv6() == ipv6) return s;
        }
        return null;
    }

    private PacketIo io(String word) {
        return LabResources.of(lab(word)).io();
    }

    private static IpPacket packet(String word, Object p) {
        if (p instanceof IpPacket packet) return packet;
        if (p instanceof PacketIo.Received r) return r.packet();
        throw new IllegalArgumentException(word + ": " + Build.describe(p) + " (expected: a packet, e.g. IP()/TCP())");
    }

    private static List<IpPacket> packetList(String word, Collection<?> c) {
        List<IpPacket> l = new ArrayList<>(c.size());
        for (Object o : c) l.add(packet(word, o));
        return l;
    }

    /** The field names and default values of {@code type}'s default instance, or null. */
    static Object defaultInstance(PacketDsl dsl, Class<?> type) {
        if (type == Ip4.class) return dsl.IP();
        if (type == Ip6.class) return dsl.IPv6();
        if (type == Tcp.class) return dsl.TCP();
        if (type == MpCapable.class) return dsl.MpCapable();
        if (type == TcpFlags.class) return TcpFlags.SYN;
        try {
            Object b = type.getMethod("builder").invoke(null);
            return b.getClass().getMethod("build").invoke(b);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static boolean isAuto(RecordComponent c, Object value) {
        return value instanceof Integer i && i == Field.AUTO && c.getType() == int.class;
    }
}
