package org.mptcpkit.io.pcap;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.Pcaps;

/**
 * Loading libpcap through pcap4j once per JVM, with one clear sentence when it is missing, and the
 * single native call pcap4j does not offer: {@code pcap_dump} with a caller-built header.
 */
final class Libpcap {
    /** pcap4j's system property naming the library; JNA looks {@code pcap} up as {@code libpcap.so*}. */
    static final String LIB_NAME_PROPERTY = "org.pcap4j.core.pcapLibName";

    private static volatile String version;
    private static PcapUnavailableException failure;

    private Libpcap() {
    }

    /**
     * Makes sure pcap4j's native bindings are up. pcap4j binds libpcap in a static initializer:
     * when that fails, every later use throws {@code NoClassDefFoundError}, so the first failure
     * is kept and rethrown as the same sentence.
     */
    static void ensureLoaded() {
        if (version != null) return;
        synchronized (Libpcap.class) {
            if (version != null) return;
            if (failure != null) throw failure;
            try {
                version = Pcaps.libVersion();
            } catch (LinkageError e) {
                failure = new PcapUnavailableException("Cannot load libpcap (" + firstLine(e)
                        + "): install it with `apt-get install libpcap0.8`.", e);
                throw failure;
            }
        }
    }

    /** libpcap's version string, e.g. {@code libpcap version 1.10.3 (with TPACKET_V3)}. */
    static String version() {
        ensureLoaded();
        return version;
    }

    /** The reason in one line: JNA's message is "Unable to load library 'pcap':" then one line per attempt. */
    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String[] lines = m.strip().split("\n", 3);
        String line = lines[0].strip();
        // The first dlopen error says why ("libpcap.so: cannot open shared object file: ...").
        if (line.endsWith(":") && lines.length > 1) line = lines[1].strip();
        return line;
    }

    /**
     * {@code pcap_dump} with the record header spelled out. pcap4j's {@code PcapDumper.dumpRaw}
     * sets the original length to the captured length, which would lose the original length of
     * every record cut by the snapshot length; so the writer opens the dumper through pcap4j and
     * passes each record here.
     */
    static final class Dump {
        private static final Method GET_DUMPER;
        /** {@code struct pcap_pkthdr}: {@code struct timeval} (two C longs), caplen, len (u32 each). */
        static final int HEADER_SIZE = 2 * Native.LONG_SIZE + 8;

        static {
            ensureLoaded();
            Native.register(Dump.class, NativeLibrary.getInstance(System.getProperty(LIB_NAME_PROPERTY, "pcap")));
            try {
                // PcapDumper keeps its pcap_dumper_t pointer behind a package-private getter.
                GET_DUMPER = PcapDumper.class.getDeclaredMethod("getDumper");
                GET_DUMPER.setAccessible(true);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("pcap4j " + PcapDumper.class.getPackage().getImplementationVersion()
                        + " has no PcapDumper.getDumper(): the writer needs pcap4j 1.8", e);
            }
        }

        private Dump() {
        }

        static Pointer dumperOf(PcapDumper dumper) {
            try {
                return (Pointer) GET_DUMPER.invoke(dumper);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("PcapDumper.getDumper(): " + e, e);
            }
        }

        /** Fills {@code header} (HEADER_SIZE bytes, native order) for one record. */
        static void header(ByteBuffer header, long seconds, long fraction, int capturedLength, int originalLength) {
            header.clear();
            if (Native.LONG_SIZE == 8) {
                header.putLong(seconds).putLong(fraction);
            } else {
                header.putInt((int) seconds).putInt((int) fraction);
            }
            header.putInt(capturedLength).putInt(originalLength);
        }

        static ByteBuffer newHeader() {
            return ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.nativeOrder());
        }

        /** {@code void pcap_dump(u_char *user, const struct pcap_pkthdr *h, const u_char *sp)}. */
        static native void pcap_dump(Pointer dumper, byte[] header, byte[] packet);
    }
}
