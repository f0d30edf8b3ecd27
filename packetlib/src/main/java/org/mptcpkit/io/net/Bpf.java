package org.mptcpkit.io.net;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

import org.mptcpkit.packet.Bytes;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * tcpdump filter expressions ({@code "tcp port 8080 and host 10.0.0.1"}) compiled to classic BPF
 * by libpcap's own compiler ({@code pcap_compile} on a dead handle), for
 * {@link PacketSocket#setFilter(String)}: the kernel then drops what does not match before it
 * is queued to the socket.
 *
 * <p>libpcap is found at run time ({@code libpcap.so.0.8}, Debian's name, or
 * {@code libpcap.so.1}); without it, {@link #compile} says which package to install.
 */
@SuppressWarnings("restricted") // binding native code is what this class is for
public final class Bpf {
    /** Link type of an AF_PACKET {@code SOCK_RAW} socket on Ethernet (and veth). */
    public static final int DLT_EN10MB = 1;
    /** Link type of bare IP packets: cooked ({@code SOCK_DGRAM}) packet sockets, TUN devices. */
    public static final int DLT_RAW = 12;
    private static final List<String> LIBRARIES = List.of("libpcap.so.0.8", "libpcap.so.1", "libpcap.so");
    private static final Object LOCK = new Object(); // pcap_compile was not thread-safe before libpcap 1.8

    /** A compiled program: {@code sock_filter} instructions, 8 bytes each. */
    public record Program(String expression, Bytes instructions) {
        public int length() {
            return instructions.length() / 8;
        }
    }

    private Bpf() {
    }

    private static final class Pcap {
        static final MethodHandle OPEN_DEAD;
        static final MethodHandle COMPILE;
        static final MethodHandle GETERR;
        static final MethodHandle FREECODE;
        static final MethodHandle CLOSE;
        static final String MISSING;

        static {
            Linker linker = Linker.nativeLinker();
            SymbolLookup lib = null;
            for (String name : LIBRARIES) {
                try {
                    lib = SymbolLookup.libraryLookup(name, Arena.global());
                    break;
                } catch (IllegalArgumentException e) {
                    // Not under this name: try the next.
                }
            }
            if (lib == null) {
                MISSING = "libpcap is not installed: install it (apt-get install libpcap0.8) to use capture filters";
                OPEN_DEAD = COMPILE = GETERR = FREECODE = CLOSE = null;
            } else {
                MISSING = null;
                OPEN_DEAD = linker.downcallHandle(lib.find("pcap_open_dead").orElseThrow(),
                        FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT));
                COMPILE = linker.downcallHandle(lib.find("pcap_compile").orElseThrow(),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
                GETERR = linker.downcallHandle(lib.find("pcap_geterr").orElseThrow(), FunctionDescriptor.of(ADDRESS, ADDRESS));
                FREECODE = linker.downcallHandle(lib.find("pcap_freecode").orElseThrow(), FunctionDescriptor.ofVoid(ADDRESS));
                CLOSE = linker.downcallHandle(lib.find("pcap_close").orElseThrow(), FunctionDescriptor.ofVoid(ADDRESS));
            }
        }
    }

    /** True when libpcap was found. */
    public static boolean available() {
        return Pcap.MISSING == null;
    }

    /**
     * Compiles {@code expression} for packets of {@code linkType} ({@link #DLT_RAW} or
     * {@link #DLT_EN10MB}). A syntax error is an {@link IllegalArgumentException} with libpcap's
     * message; a missing libpcap an {@link IllegalStateException} that says what to install.
     */
    public static Program compile(String expression, int linkType) {
        if (Pcap.MISSING != null) throw new IllegalStateException(Pcap.MISSING);
        synchronized (LOCK) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment pcap = (MemorySegment) Pcap.OPEN_DEAD.invokeExact(linkType, 262144);
                if (pcap.equals(MemorySegment.NULL)) throw new IllegalStateException("pcap_open_dead failed");
                try {
                    // struct bpf_program { u_int bf_len; struct bpf_insn *bf_insns; }
                    MemorySegment prog = arena.allocate(16, 8);
                    int r = (int) Pcap.COMPILE.invokeExact(pcap, prog, arena.allocateFrom(expression), 1, -1);
                    if (r != 0) {
                        MemorySegment err = (MemorySegment) Pcap.GETERR.invokeExact(pcap);
                        throw new IllegalArgumentException("filter '" + expression + "': " + err.reinterpret(512).getString(0));
                    }
                    try {
                        int n = prog.get(JAVA_INT, 0);
                        MemorySegment insns = prog.get(ADDRESS, 8).reinterpret(8L * n);
                        return new Program(expression, Bytes.wrap(insns.toArray(ValueLayout.JAVA_BYTE)));
                    } finally {
                        Pcap.FREECODE.invokeExact(prog);
                    }
                } finally {
                    Pcap.CLOSE.invokeExact(pcap);
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
