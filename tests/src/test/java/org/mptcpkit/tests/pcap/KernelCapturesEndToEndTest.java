package org.mptcpkit.tests.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.mptcpkit.io.pcap.LinkFrame;
import org.mptcpkit.io.pcap.PcapReader;
import org.mptcpkit.io.pcap.PcapRecord;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.RawPacket;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.UnknownMptcp;
import org.mptcpkit.tests.tshark.TsharkJudge;
import org.mptcpkit.tests.tshark.TsharkOracle;
import org.mptcpkit.wire.Decoded;
import org.mptcpkit.wire.MptcpCodec;
import org.mptcpkit.wire.PacketCodec;

/**
 * Every packet of every Linux 6.18 capture in the test resources, end to end, judged by tshark
 * 4.0 on the same file (one run per capture):
 * <ul>
 *   <li>the record, read with {@link PcapReader} and split at its link header (Ethernet or Linux
 *       cooked), decodes with {@link PacketCodec}; the decode is clean unless the capture cut the
 *       packet; the packet re-encodes to its exact bytes, and link header + packet to the
 *       record's;</li>
 *   <li>every IP and TCP header field equals tshark's, and where tshark found both checksums good
 *       the packet re-encodes identical with every derived field left AUTO;</li>
 *   <li>every TCP option, paired with tshark's by frame and index, has tshark's bytes and every
 *       field of the MPTCP field map, both ways; every MPTCP option is a modelled form (never
 *       kept raw) and, but for checksums (they need the mapping's payload, judged in the crypto
 *       tests), re-encodes identical from its fields with its length AUTO.</li>
 * </ul>
 * Whatever capture is added to {@code src/test/resources/pcaps} is judged too.
 *
 * <p>This is the complete version over all captures of packetlib's CaptureRoundTripTest (three
 * captures, against the {@code .fields.tsv}) and MptcpCaptureTest (options against the
 * {@code .mptcp-options.tsv}), which run without tshark.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelCapturesEndToEndTest {
    private final Map<String, Integer> forms = new TreeMap<>();
    private final Map<String, Integer> totals = new TreeMap<>();

    static List<Path> captures() throws IOException {
        Path dir = Captures.fixture("README.md").getParent();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
    }

    @TestFactory
    List<DynamicTest> everyPacketOfEveryCapture() throws IOException {
        List<Path> captures = captures();
        assertTrue(captures.size() >= 8, "the captures are in the test resources: " + captures);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path pcap : captures) tests.add(DynamicTest.dynamicTest(pcap.getFileName().toString(), () -> judge(pcap)));
        return tests;
    }

    private void judge(Path pcap) throws Exception {
        String name = pcap.getFileName().toString();
        List<PcapRecord> records = PcapReader.readAll(pcap);
        // Without tshark the codec's own checks still run; the test then ends skipped (failed in CI).
        boolean tshark = TsharkOracle.available();
        List<TsharkOracle.Frame> frames = tshark ? TsharkOracle.decode(pcap) : null;
        if (tshark) assertEquals(records.size(), frames.size(), name + ": frames");
        List<String> problems = new ArrayList<>();
        int fields = 0;
        int options = 0;
        int recomputed = 0;
        for (int i = 0; i < records.size(); i++) {
            PcapRecord r = records.get(i);
            String where = name + " frame " + r.number();
            Consumer<String> fail = m -> problems.add(where + ": " + m);

            LinkFrame link = r.link();
            Decoded<IpPacket> d = PacketCodec.decode(link.payload());
            byte[] again = PacketCodec.encode(d.value());
            if (!Bytes.wrap(again).equals(link.payload())) fail.accept("re-encodes to " + Bytes.wrap(again).hex());
            if (!link.header().bytes().concat(Bytes.wrap(again)).equals(r.frame())) fail.accept("the frame does not re-encode");
            if (!r.isTruncated() && !d.isClean()) fail.accept("whole packet, yet " + d.diagnostics());
            if (d.value() instanceof RawPacket || d.value().tcp().isEmpty()) continue;

            IpPacket p = d.value();
            Tcp tcp = p.tcp().orElseThrow();
            options += tcp.options().size();
            if (!tshark) {
                codecChecks(tcp, fail);
                continue;
            }
            TsharkOracle.Frame frame = frames.get(i);
            assertEquals(r.number(), frame.number(), where);
            boolean good = TsharkOracle.CHECKSUM_GOOD.equals(frame.get("tcp.checksum.status"))
                    && (p instanceof Ip6 || TsharkOracle.CHECKSUM_GOOD.equals(frame.get("ip.checksum.status")));
            fields += TsharkJudge.headers(p, frame, false, fail);
            fields += TsharkJudge.options(tcp, frame, fail);
            if (good) {
                // Checksums, lengths and offsets recomputed equal the kernel's (MPTCP options kept:
                // a DSS checksum covers a mapping that may span other segments).
                IpPacket auto = switch (p) {
                    case Ip4 ip -> ip.withAutoFields();
                    case Ip6 ip -> ip.withAutoFields();
                    case RawPacket raw -> raw;
                };
                if (!Bytes.wrap(PacketCodec.encode(auto)).equals(link.payload())) fail.accept("derived fields recomputed differ");
                recomputed++;
            }
            codecChecks(tcp, fail);
        }
        problems.stream().limit(50).forEach(System.out::println);
        assertEquals(List.of(), problems.stream().limit(20).toList(), name + ": " + problems.size() + " disagreements");
        if (!tshark) TsharkOracle.require();
        assertTrue(recomputed > 0 || name.startsWith("15-"), name + ": no frame with good checksums to recompute");
        System.out.println("[kernel captures end to end] " + name + ": " + records.size() + " frames, " + options
                + " options, " + fields + " fields equal to tshark's, " + recomputed + " packets recomputed whole");
        totals.merge("frames", records.size(), Integer::sum);
        totals.merge("options", options, Integer::sum);
        totals.merge("fields", fields, Integer::sum);
    }

    /**
     * Every MPTCP option is a modelled form (never kept raw) and, but for checksums (they need
     * the mapping's payload: the crypto tests judge them), encodes identical from its fields with
     * its length AUTO.
     */
    private void codecChecks(Tcp tcp, Consumer<String> fail) {
        for (TcpOption o : tcp.options()) {
            if (!(o instanceof MptcpOption m)) continue;
            if (m instanceof UnknownMptcp) fail.accept("MPTCP option kept raw: " + m);
            forms.merge(m.getClass().getName().substring(m.getClass().getPackageName().length() + 1) + "/" + m.length(),
                    1, Integer::sum);
            boolean checksum = m instanceof Dss x && x.checksumPresent() || m instanceof MpCapable.AckData y && y.checksumPresent();
            if (!checksum && !MptcpCodec.encode(m.withAutoDerived(), Bytes.EMPTY).equals(MptcpCodec.encode(m, Bytes.EMPTY))) {
                fail.accept("built from its fields, " + m + " encodes otherwise");
            }
        }
    }

    @AfterAll
    void everyFormLinuxSendsWasJudged() {
        System.out.println("[kernel captures end to end] " + totals + "; MPTCP forms: " + forms);
        for (String f : List.of("MpCapable$Syn/4", "MpCapable$SynAck/12", "MpCapable$Ack/20", "MpCapable$AckData/22",
                "MpCapable$AckData/24", "MpJoin$Syn/12", "MpJoin$SynAck/16", "MpJoin$Ack/24", "Dss/8", "Dss/12", "Dss/22",
                "Dss/24", "Dss/26", "Dss/28", "AddAddr$V1/8", "AddAddr$V1/10", "AddAddr$V1/16", "AddAddr$V1/18",
                "AddAddr$V1/20", "AddAddr$V1/28", "RemoveAddr/4", "RemoveAddr/6", "MpPrio/3", "MpFastclose/12",
                "MpTcpRst/4")) {
            assertTrue(forms.containsKey(f), "no " + f + " in the captures: " + forms);
        }
    }
}
