package dev.rolegate.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the named admins file ({@code ROLEGATE_ADMINS_FILE}): one admin per line,
 * {@code name: sha256:<64 hex digits>} where the digest is the SHA-256 of the admin's bearer secret
 * (e.g. {@code printf %s "$SECRET" | sha256sum}); blank lines and {@code #} comments are ignored.
 * Only digests are stored, so the file does not disclose a secret.
 */
public final class AdminsFile {
    private static final Pattern LINE = Pattern.compile("([a-z0-9][a-z0-9._-]{0,62})\\s*:\\s*sha256:([0-9a-fA-F]{64})");

    private AdminsFile() {
    }

    /** Name to digest, in file order. */
    public static Map<String, byte[]> read(String file) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException("ROLEGATE_ADMINS_FILE: cannot read " + file + " (" + e.getMessage() + ")");
        }
        Map<String, byte[]> admins = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new ConfigException("ROLEGATE_ADMINS_FILE: " + file + " line " + (i + 1)
                        + " is not \"name: sha256:<64 hex digits>\"");
            }
            if (admins.put(m.group(1), HexFormat.of().parseHex(m.group(2))) != null) {
                throw new ConfigException("ROLEGATE_ADMINS_FILE: " + file + " line " + (i + 1)
                        + " names admin \"" + m.group(1) + "\" a second time");
            }
        }
        return admins;
    }
}
