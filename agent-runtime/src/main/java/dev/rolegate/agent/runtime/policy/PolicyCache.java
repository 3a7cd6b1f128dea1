package dev.rolegate.agent.runtime.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The last good signed policy and the keys that verified it, on disk in {@code ROLEGATE_CACHE_DIR}
 * ({@code policy.jws}, {@code jwks.json}). Files are written to a temporary name and moved into place
 * atomically, readable by the owner only. What is read back is not trusted until the bundle verifies
 * again against the cached keys (the caller does that).
 */
public final class PolicyCache {
    static final String POLICY_FILE = "policy.jws";
    static final String JWKS_FILE = "jwks.json";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    /** The cached bundle and keys, as text. */
    public record Entry(String jws, String jwks) {
    }

    public PolicyCache(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Reads both files; empty when either is missing. */
    public Optional<Entry> read() throws IOException {
        try {
            String jwks = Files.readString(dir.resolve(JWKS_FILE), StandardCharsets.UTF_8);
            String jws = Files.readString(dir.resolve(POLICY_FILE), StandardCharsets.UTF_8);
            return Optional.of(new Entry(jws, jwks));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Writes both files atomically (keys first, so a bundle is never newer than its keys on disk). */
    public void write(Entry entry) throws IOException {
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_PERMS));
        } else {
            Files.createDirectories(dir);
        }
        writeAtomically(JWKS_FILE, entry.jwks());
        writeAtomically(POLICY_FILE, entry.jws());
    }

    private void writeAtomically(String name, String content) throws IOException {
        FileAttribute<?>[] attrs = POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMS)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + name + ".", ".tmp", attrs);
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
