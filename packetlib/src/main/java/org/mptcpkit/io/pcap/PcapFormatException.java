package org.mptcpkit.io.pcap;

import java.nio.file.Path;

/**
 * A capture file that libpcap cannot read on: a bad file header, or a damaged record. The message
 * is one line naming the file, the record (1-based, as tshark numbers frames; absent for the
 * file header) and what is wrong, e.g.
 * {@code 01.pcap: record 17: truncated (header says 98 bytes, 40 present)}.
 *
 * <p>A {@link PcapReader} throws it only after delivering every record before the damage, so a
 * tool can report what it read and then this line. Unchecked, so a for-each loop over a reader
 * can meet it.
 */
public final class PcapFormatException extends RuntimeException {
    private final transient Path file;
    private final int recordNumber;
    private final String problem;

    public PcapFormatException(Path file, int recordNumber, String problem) {
        super(file + ": " + (recordNumber > 0 ? "record " + recordNumber + ": " : "") + problem);
        this.file = file;
        this.recordNumber = recordNumber;
        this.problem = problem;
    }

    /** The file, as the caller named it. */
    public Path file() {
        return file;
    }

    /** The damaged record's number (1-based), or 0 when the file header is at fault. */
    public int recordNumber() {
        return recordNumber;
    }

    /** What is wrong, without the file and record prefix. */
    public String problem() {
        return problem;
    }
}
