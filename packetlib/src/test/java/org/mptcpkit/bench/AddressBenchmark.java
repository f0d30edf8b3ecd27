package org.mptcpkit.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.mptcpkit.packet.Ip4Address;
import org.mptcpkit.packet.Ip6Address;
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
 * Why the model has its own address types: decoding an address from packet bytes as the codec
 * does ({@code new Ip4Address(int)}) against {@link InetAddress#getByAddress(byte[])}, which copies
 * the array and allocates a holder.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AddressBenchmark {
    private final byte[] packet = {10, 0, 1, 1, (byte) 0xfd, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};

    @Benchmark
    public Ip4Address ip4Address() {
        byte[] b = packet;
        return new Ip4Address(((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff));
    }

    @Benchmark
    public InetAddress inet4Address() throws UnknownHostException {
        return InetAddress.getByAddress(java.util.Arrays.copyOfRange(packet, 0, 4));
    }

    @Benchmark
    public Ip6Address ip6Address() {
        return new Ip6Address(java.nio.ByteBuffer.wrap(packet).getLong(4), java.nio.ByteBuffer.wrap(packet).getLong(12));
    }

    @Benchmark
    public InetAddress inet6Address() throws UnknownHostException {
        return InetAddress.getByAddress(java.util.Arrays.copyOfRange(packet, 4, 20));
    }
}
