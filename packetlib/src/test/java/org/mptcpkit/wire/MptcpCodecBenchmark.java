package org.mptcpkit.wire;

import java.util.concurrent.TimeUnit;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.MptcpOption;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode and encode of the options on the hot path (not run by surefire). Run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main MptcpCodecBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class MptcpCodecBenchmark {
    // 01-mpc-v4 frame 1 (SYN) and 3 (third ACK); 01-mpc-v4 frame 12 (DSS, 8-byte ack and DSN)
    private final byte[] syn = Bytes.fromHex("1e040101").toByteArray();
    private final byte[] ack = Bytes.fromHex("1e140101877f9bcf737c4c6d5da3bbf8c384c03d").toByteArray();
    private final byte[] dss = Bytes.fromHex("1e1a200fcd4f7dc35fafe917cee2ab3ffc202ff80000000103e8").toByteArray();
    private final MptcpOption ackValue = MptcpCodec.decode(ack, 0, ack.length, Diagnostics.lenient());
    private final MptcpOption dssValue = MptcpCodec.decode(dss, 0, dss.length, Diagnostics.lenient());
    private final Diagnostics diag = Diagnostics.lenient();
    private final byte[] out = new byte[40];

    @Benchmark
    public MptcpOption decodeMpCapableSyn() {
        return MptcpCodec.decode(syn, 0, syn.length, diag);
    }

    @Benchmark
    public MptcpOption decodeMpCapableAck() {
        return MptcpCodec.decode(ack, 0, ack.length, diag);
    }

    @Benchmark
    public MptcpOption decodeDss() {
        return MptcpCodec.decode(dss, 0, dss.length, diag);
    }

    @Benchmark
    public int encodeMpCapableAck() {
        return MptcpCodec.encode(ackValue, out, 0, Bytes.EMPTY);
    }

    @Benchmark
    public int encodeDss() {
        return MptcpCodec.encode(dssValue, out, 0, Bytes.EMPTY);
    }
}
