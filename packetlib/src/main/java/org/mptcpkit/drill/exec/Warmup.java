package org.mptcpkit.drill.exec;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

import org.mptcpkit.drill.ast.Event;
import org.mptcpkit.drill.ast.IpVersion;
import org.mptcpkit.drill.ast.PacketEvent;
import org.mptcpkit.drill.ast.Script;
import org.mptcpkit.drill.ast.Segment;
import org.mptcpkit.drill.parse.Parser;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.wire.PacketCodec;

/**
 * Runs the packet paths (synthesis, HMACs, encoding, decoding, comparison, printing) a few
 * thousand times before the first script, once per JVM, so that the JIT has compiled them and
 * crypto providers are loaded: a cold path costs milliseconds on the first injected packet, which
 * would show as injection timing error.
 */
final class Warmup {
    private static final String SCRIPT = """
            --tolerance_usecs=100000
            0 < S 0:0(0) win 65535 <mss 1460, sackOK, TS val 1 ecr 0, nop, wscale 8, mpcapable v1 flags[flag_h] nokey>
            +0 < S. 0:0(0) ack 1 win 65535 <mss 1460, sackOK, TS val 700 ecr 100, nop, wscale 8, mpcapable v1 flags[flag_h] key[skey=2]>
            +0 < . 1:1(0) ack 1 win 256 <nop, nop, TS val 1 ecr 100, mpcapable v1 flags[flag_h] key[ckey=3, skey]>
            +0 < P. 1:3(2) ack 1 win 256 <nop, nop, TS val 1 ecr 100, mpcapable v1 flags[flag_h] key[ckey, skey] mpcdatalen 2, nop, nop>
            +0 < P. 1:1001(1000) ack 1 win 450 <nop, nop, dss dack8=1 dsn8=1 ssn=1 dll=1000 nocs>
            +0 < . 1:1(0) ack 1 win 256 <nop, nop, TS val 1 ecr 100, add_address address_id=1 addr[saddr1] hmac=auto, dss dack4=1 dll=0 nocs>
            +0 < . 1:1(0) ack 1 win 256 <add_address address_id=1 addr[ep=inet_addr("198.51.100.2")] addr_echo, dss dack4=1 ssn=1 dll=0 nocs>
            +0 < S 0:0(0) win 65535 <mss 1460, nop, wscale 7, mp_join_syn backup=1 address_id=0 token=sha256_32(skey)>
            +0 < S. 0:0(0) ack 1 win 65535 <mss 1460, nop, wscale 8, mp_join_syn_ack address_id=1 sender_hmac=auto>
            +0 < . 1:1(0) ack 1 win 256 <mp_join_ack sender_hmac=auto>
            +0 < . 1:1(0) ack 1 win 256 <dss dack8=3 dsn8=3 ssn=0 dll=1 nocs fin, nop, nop>
            +0 < . 1:1(0) ack 1 win 256 <mp_prio backup=1, remove_address address_id=[1], nop>
            +0 < . 1:1(0) win 450 <mp_fastclose>
            +0 < R. 1:1(0) ack 1 win 0 <mp_reset 1>
            """;
    private static volatile boolean done;

    private Warmup() {
    }

    static synchronized void once() {
        if (done) return;
        done = true;
        try {
            run(false, 1500);
            run(true, 500);
        } catch (RuntimeException e) {
            // Warming up is an optimisation only.
            if (System.getenv("DRILL_WARMUP_DEBUG") != null) System.err.println("warmup: " + e);
        }
    }

    /**
     * A few rounds on the calling thread: the hash engines are per thread (CryptoScratch), and
     * their first use on a new thread costs milliseconds.
     */
    static void thisThread(boolean v6) {
        try {
            run(v6, 3);
        } catch (RuntimeException e) {
            // Warming up is an optimisation only.
        }
    }

    /**
     * Exercises every downcall the executor makes, on {@code lo} of the calling thread's
     * namespace: the first call through an FFM downcall handle costs milliseconds, and a 3 ms
     * accept() is enough to let the kernel's path manager send an ADD_ADDR earlier than it does
     * under packetdrill.
     */
    static void syscalls() {
        for (int round = 0; round < 3; round++) {
            try (java.lang.foreign.Arena a = java.lang.foreign.Arena.ofConfined()) {
                java.lang.foreign.MemorySegment sa = a.allocate(org.mptcpkit.io.sys.SockAddr.MAX_LENGTH);
                java.lang.foreign.MemorySegment len = a.allocate(java.lang.foreign.ValueLayout.JAVA_INT);
                java.lang.foreign.MemorySegment buf = a.allocate(64);
                int l = org.mptcpkit.io.sys.LibC.socket(org.mptcpkit.io.sys.LibC.AF_INET, org.mptcpkit.io.sys.LibC.SOCK_STREAM, 0);
                int m = org.mptcpkit.io.sys.LibC.socket(org.mptcpkit.io.sys.LibC.AF_INET, org.mptcpkit.io.sys.LibC.SOCK_STREAM,
                        org.mptcpkit.io.sys.LibC.IPPROTO_MPTCP);
                int c = org.mptcpkit.io.sys.LibC.socket(org.mptcpkit.io.sys.LibC.AF_INET, org.mptcpkit.io.sys.LibC.SOCK_STREAM, 6);
                try {
                    buf.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 1);
                    org.mptcpkit.io.sys.LibC.setsockopt(l, 1, 2, buf, 4);
                    int n = org.mptcpkit.io.sys.SockAddr.write(sa, java.net.InetAddress.getLoopbackAddress(), 0);
                    org.mptcpkit.io.sys.LibC.bind(l, sa, n);
                    org.mptcpkit.io.sys.LibC.listen(l, 4);
                    len.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, org.mptcpkit.io.sys.SockAddr.MAX_LENGTH);
                    org.mptcpkit.io.sys.LibC.getsockname(l, sa, len);
                    int flags = org.mptcpkit.io.sys.LibC.fcntl(c, org.mptcpkit.io.sys.LibC.F_GETFL, 0);
                    org.mptcpkit.io.sys.LibC.fcntl(c, org.mptcpkit.io.sys.LibC.F_SETFL, flags | org.mptcpkit.io.sys.LibC.O_NONBLOCK);
                    org.mptcpkit.io.sys.LibC.connect(c, sa, len.get(java.lang.foreign.ValueLayout.JAVA_INT, 0));
                    java.lang.foreign.MemorySegment pfd = a.allocate(org.mptcpkit.io.sys.LibC.POLLFD, 1);
                    pfd.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, c);
                    pfd.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 4, org.mptcpkit.io.sys.LibC.POLLOUT);
                    org.mptcpkit.io.sys.LibC.poll(pfd, 1, 100);
                    len.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 4);
                    org.mptcpkit.io.sys.LibC.getsockopt(c, 1, 4, buf, len);
                    int s = org.mptcpkit.io.sys.LibC.accept4(l, java.lang.foreign.MemorySegment.NULL,
                            java.lang.foreign.MemorySegment.NULL, 0);
                    org.mptcpkit.io.sys.LibC.write(c, buf, 8);
                    org.mptcpkit.io.sys.LibC.sendto(c, buf, 8, 0, java.lang.foreign.MemorySegment.NULL, 0);
                    if (s >= 0) {
                        org.mptcpkit.io.sys.LibC.read(s, buf, 8);
                        org.mptcpkit.io.sys.LibC.recvfrom(s, buf, 8, org.mptcpkit.io.sys.LibC.MSG_DONTWAIT,
                                java.lang.foreign.MemorySegment.NULL, java.lang.foreign.MemorySegment.NULL);
                        Syscaller.warmRecvmsg(s);
                        org.mptcpkit.io.sys.LibC.shutdown(s, org.mptcpkit.io.sys.LibC.SHUT_WR);
                        org.mptcpkit.io.sys.LibC.close(s);
                    }
                } catch (RuntimeException e) {
                    // Warming up is an optimisation only.
                } finally {
                    org.mptcpkit.io.sys.LibC.closeQuietly(c);
                    org.mptcpkit.io.sys.LibC.closeQuietly(m);
                    org.mptcpkit.io.sys.LibC.closeQuietly(l);
                }
            }
        }
    }

    private static void run(boolean v6, int rounds) {
        Script script = Parser.parse("warmup.pkt", SCRIPT,
                new Parser.Settings(Map.of(), Optional.of(v6 ? IpVersion.IPV6 : IpVersion.IPV4)));
        InetAddress local = v6 ? Variant.IPV6.localIp() : Variant.IPV4.localIp();
        InetAddress remote = v6 ? Variant.IPV6.remoteIp() : Variant.IPV4.remoteIp();
        for (int r = 0; r < rounds; r++) {
            MptcpState mp = new MptcpState(remote);
            mp.kernelKey = 0x1122334455667788L;
            PacketEngine engine = new PacketEngine(mp, v6, 0, 100_000);
            Conn c = new Conn(local, 8080, remote, 40000);
            c.tsMap.put(100L, 12345L);
            c.kernelRandom = 7;
            for (Event e : script.events()) {
                if (!(e.action() instanceof PacketEvent pe) || !(pe.segment() instanceof Segment.Tcp seg)) continue;
                try {
                    IpPacket p = engine.inbound(pe, seg, c, 1);
                    byte[] b = PacketCodec.encode(p);
                    IpPacket back = PacketCodec.decode(b).value();
                    Tcp t = switch (back) {
                        case Ip4 i -> (Tcp) i.payload();
                        case Ip6 i -> (Tcp) i.payload();
                        default -> null;
                    };
                    if (t != null) engine.compare(pe, seg, back, t, c, 1);
                    if (r % 50 == 0) MptcpFormat.packet(back, c, mp, '>');
                } catch (RuntimeException ignored) {
                    // Some lines need state another line would have made; fine for warming up.
                    if (r == 0 && System.getenv("DRILL_WARMUP_DEBUG") != null) System.err.println("warmup: " + ignored);
                }
            }
        }
    }
}
