package org.mptcpkit.testing;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The outside programs our tests use as judges (tshark, tcpdump, editcap, script). A test that
 * needs one calls {@link #require}: on a developer machine without it the test is skipped with a
 * message saying what to install; where the environment variable {@code CI} is set it fails,
 * because in CI an outside judge that silently does not run proves nothing.
 */
public final class OutsideJudge {
    private static final Map<String, Boolean> AVAILABLE = new ConcurrentHashMap<>();

    private OutsideJudge() {
    }

    /** Whether {@code tool --version} runs and exits 0 (asked once per tool per JVM). */
    public static boolean available(String tool) {
        return AVAILABLE.computeIfAbsent(tool, t -> {
            try {
                Process p = new ProcessBuilder(t, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
    }

    /**
     * Skips the calling test where {@code tool} is missing, and fails it there when {@code CI} is
     * set. {@code debianPackage} is what to install.
     */
    public static void require(String tool, String debianPackage) {
        if (available(tool)) return;
        String what = tool + " is not installed (apt-get install " + debianPackage + ")";
        if (System.getenv("CI") != null) Assertions.fail(what + ", and CI is set: the outside judges must run in CI");
        Assumptions.abort(what); // only off CI (no tool on a laptop): in CI the line above failed instead
    }
}
