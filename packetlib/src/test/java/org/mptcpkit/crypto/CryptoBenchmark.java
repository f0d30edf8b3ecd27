package org.mptcpkit.crypto;

import java.util.concurrent.TimeUnit;
import org.mptcpkit.packet.Bytes;
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
 * Throughput of the crypto functions on one thread. Not run by the test suite; run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main CryptoBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CryptoBenchmark {
    private final long kA = Long.parseUnsignedLong("16331516760132811434");
    private final long kB = 3636904298737523150L;
    private long random = 2827387495L;
    private final Bytes address = Bytes.fromHex("0a000302");
    private final byte[] payload1400 = new byte[1400];
    private final Bytes payload1400Bytes = Bytes.wrap(new byte[1400]);

    @Benchmark
    public long token() {
        return MptcpKeys.token(kA + random++, MptcpKeys.V1);
    }

    @Benchmark
    public long joinSynAckHmac() {
        return MpJoinHmac.synAckTruncatedHmac(MptcpKeys.V1, kA, kB, (random++) & 0xffffffffL, 2493248081L);
    }

    @Benchmark
    public Bytes joinAckHmac() {
        return MpJoinHmac.ackHmac(MptcpKeys.V1, kA, kB, (random++) & 0xffffffffL, 2493248081L);
    }

    @Benchmark
    public long addAddrHmac() {
        return AddAddrHmac.truncatedHmac(kB, kA, (int) (random++ & 0xff), address, 10100);
    }

    @Benchmark
    public int dssChecksum1400Array() {
        return DssChecksum.compute(random++, 1, 1400, payload1400, 0, 1400);
    }

    @Benchmark
    public int dssChecksum1400Bytes() {
        return DssChecksum.compute(random++, 1, 1400, payload1400Bytes);
    }
}
