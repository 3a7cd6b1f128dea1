package dev.rolegate.agent.runtime.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the Wycheproof vectors in the shared test data next to the repository. */
final class WycheproofFiles {
    private WycheproofFiles() {
    }

    static String read(String name) throws IOException {
        List<Path> candidates = List.of(Path.of("..", "..", "shared", "testdata", "wycheproof", name),
                Path.of("/work/shared/testdata/wycheproof", name));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return Files.readString(p, StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("Wycheproof vectors not found at " + candidates.get(0).toAbsolutePath());
    }
}
