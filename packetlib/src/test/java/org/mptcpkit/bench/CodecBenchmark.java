package org.mptcpkit.bench;

import java.util.concurrent.TimeUnit;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.WindowScale;
import org.mptcpkit.wire.Decoded;
import org.mptcpkit.wire.Diagnostics;
import org.mptcpkit.wire.MptcpCodec;
import org.mptcpkit.wire.PacketCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Codec throughput on one core; the target is 5,000,000 operations per second for each.
 *
 * <ul>
 *   <li>{@code encodeSyn}: the 64-byte MPTCP SYN (IPv4 20 + TCP 44: MSS 1460, SACK-permitted,
 *       timestamps, NOP, window scale 7, MP_CAPABLE v1 {@code 1e 04 01 01}) with a new sequence
 *       number each time: the model copy, every derived field and both checksums, into a new array.</li>
 *   <li>{@code encodeSynIntoBuffer}: the same into a reused buffer, as a send loop does.</li>
 *   <li>{@code decodeSyn}: those 64 bytes to the model, lenient, input copied.</li>
 *   <li>{@code decodeDss}: a data segment with timestamps and a DSS option (8-byte data ACK,
 *       8-byte DSN, as Linux 6.18 sends) and {@code payload} bytes of data.</li>
 * </ul>
 *
 * <p>Run: {@code mvn -pl packetlib test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * -Dmdep.includeScope=test}, then {@code java -cp packetlib/target/test-classes:packetlib/target/classes:$(cat
 * packetlib/cp.txt) org.openjdk.jmh.Main CodecBenchmark -f 1 -wi 2 -i 3 -r 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CodecBenchmark {
    private Ip4 syn;
    private Tcp synTcp;
    private byte[] synBytes;
    private final byte[] buffer = new byte[2048];
    private long seq;

    /** A kind-30 option from its bytes, through the codec contract (independent of the MPTCP records' shape). */
    static MptcpOption mptcp(String hex) {
        byte[] b = Bytes.fromHex(hex).toByteArray();
        return MptcpCodec.decode(b, 0, b.length, Diagnostics.strict());
    }

    @Setup
    public void setUp() {
        synTcp = Tcp.of(t -> t.srcPort(47970).dstPort(5101).seq(1158021166L).syn().window(64240)
                .options(Mss.of(1460), SackPermitted.INSTANCE, Timestamps.of(2210103822L, 0), Nop.INSTANCE,
                        WindowScale.of(7), mptcp("1e040101")));
        syn = Ip4.of(ip -> ip.src("10.0.1.1").dst("10.0.1.2").df().identification(0xe691).payload(synTcp));
        synBytes = PacketCodec.encode(syn);
        if (synBytes.length != 64) throw new IllegalStateException("SYN is " + synBytes.length + " bytes");
    }

    @State(Scope.Thread)
    public static class Dss {
        @Param({"100", "1000"})
        public int payload;
        byte[] bytes;

        @Setup
        public void setUp() {
            // 01-mpc-v4.pcap frame 12's options: nop, nop, TS, DSS (a=1 A=1 m=1 M=1), nop, nop
            Tcp tcp = Tcp.of(t -> t.srcPort(5101).dstPort(47970).seq(1533665207L).ack(1158023167L).flags("P.")
                    .window(509).options(Nop.INSTANCE, Nop.INSTANCE, Timestamps.of(3340805098L, 2210103930L),
                            mptcp("1e1a200fcd4f7dc35fafe917cee2ab3ffc202ff80000000103e8"), Nop.INSTANCE, Nop.INSTANCE)
                    .payload(Bytes.zeros(payload).toByteArray()));
            bytes = PacketCodec.encode(Ip4.of(ip -> ip.src("10.0.1.2").dst("10.0.1.1").df().payload(tcp)));
        }
    }

    @Benchmark
    public byte[] encodeSyn() {
        seq = (seq + 1) & 0xffff_ffffL;
        return PacketCodec.encode(syn.withPayload(synTcp.withSeq(seq)));
    }

    @Benchmark
    public int encodeSynIntoBuffer() {
        seq = (seq + 1) & 0xffff_ffffL;
        return PacketCodec.encode(syn.withPayload(synTcp.withSeq(seq)), buffer, 0);
    }

    @Benchmark
    public Decoded<IpPacket> decodeSyn() {
        return PacketCodec.decode(synBytes);
    }

    @Benchmark
    public Decoded<IpPacket> decodeDss(Dss dss) {
        return PacketCodec.decode(dss.bytes);
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length > 0 ? args : new String[] {CodecBenchmark.class.getSimpleName()});
    }
}
