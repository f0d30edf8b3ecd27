package org.mptcpkit.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The test scripts under {@code src/test/resources/drill/}. */
final class Resources {
    private Resources() {
    }

    static Path dir(String name) {
        URL url = Resources.class.getResource("/drill/" + name);
        if (url == null) throw new IllegalStateException("missing test resource folder drill/" + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code .pkt} files of a folder, sorted. */
    static List<Path> scripts(String name) {
        try (Stream<Path> s = Files.list(dir(name))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".pkt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
