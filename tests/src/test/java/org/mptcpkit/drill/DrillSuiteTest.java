package org.mptcpkit.drill;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.mptcpkit.drill.junit.DrillTests;

/**
 * mptcpkit's own {@code .pkt} suite ({@code src/test/resources/drill}, written for Linux 6.18):
 * every MPTCP suboption and every system-call family, each script in the variants its name
 * selects, each run in its own network namespace. Two runs at a time keep it well under a minute.
 */
@Tag("kernel")
class DrillSuiteTest {
    @TestFactory
    Stream<DynamicNode> ownSuite() {
        return DrillTests.in(Path.of("src/test/resources/drill")).jobs(2).stream();
    }
}
