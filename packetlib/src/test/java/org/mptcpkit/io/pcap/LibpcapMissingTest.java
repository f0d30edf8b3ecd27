package org.mptcpkit.io.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without libpcap the user gets one sentence saying what to install. pcap4j binds libpcap once per
 * JVM, so this runs a fresh JVM whose pcap4j looks for a library that does not exist.
 */
class LibpcapMissingTest {
    @TempDir
    Path dir;

    /** Opens the file in args[0] and prints the exception's class and message. */
    public static void main(String[] args) {
        try (PcapReader in = PcapReader.open(Path.of(args[0]))) {
            System.out.println("opened " + in.linkType());
        } catch (Exception e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        try {
            PcapWriter.open(Path.of(args[0] + ".out"), LinkType.RAW).close();
        } catch (Exception e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        try {
            // Fails loading libpcap, before any socket is opened.
            PcapLive.open("lo").close();
        } catch (Exception e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Test
    void missingLibpcapIsOneSentenceNamingThePackage() throws Exception {
        Path p = dir.resolve("x.pcap");
        Files.write(p, CaptureBytes.pcap(java.nio.ByteOrder.LITTLE_ENDIAN, false, 100, 101).toByteArray());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process proc = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-D" + Libpcap.LIB_NAME_PROPERTY + "=" + dir.resolve("libpcap-missing.so"),
                "-cp", System.getProperty("java.class.path"), LibpcapMissingTest.class.getName(), p.toString())
                .redirectErrorStream(true).start();
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
        List<String> lines = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("WARNING")).toList();
        assertEquals(3, lines.size(), lines.toString());
        for (String line : lines) {
            assertTrue(line.startsWith("PcapUnavailableException: Cannot load libpcap ("), line);
            assertTrue(line.endsWith("): install it with `apt-get install libpcap0.8`."), line);
            assertTrue(line.contains("libpcap-missing.so"), "names what was looked for: " + line);
        }
    }

    @Test
    void libpcapIsHereInThisJvm() throws IOException {
        assertTrue(Libpcap.version().startsWith("libpcap version "), Libpcap.version());
    }
}
