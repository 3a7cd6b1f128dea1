package dev.rolegate.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.CRC32;

/**
 * Unpacks the jars nested in the agent jar ({@code META-INF/rolegate/*.jar.bin}) into a private
 * directory named after their hash, so that every agent build gets its own and concurrent JVMs can
 * share it: each file is written under a temporary name and moved into place atomically, and a file
 * found there already is used only if its size and CRC-32 match the jar's own record of the entry
 * (the directory is owner-only, so this guards against truncation and corruption, not against
 * another user). A directory that is not ours
 * (another owner, writable by others, a symbolic link) is never used.
 */
final class NestedJars {
    static final String BOOTSTRAP = "META-INF/rolegate/bootstrap.jar.bin";
    static final String RUNTIME = "META-INF/rolegate/runtime.jar.bin";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path bootstrap;
    private final Path runtime;

    private NestedJars(Path bootstrap, Path runtime) {
        this.bootstrap = bootstrap;
        this.runtime = runtime;
    }

    Path bootstrap() {
        return bootstrap;
    }

    Path runtime() {
        return runtime;
    }

    static NestedJars extract(Class<?> anchor) throws IOException {
        Path agentJar;
        try {
            agentJar = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new IOException("cannot locate the agent jar", e);
        }
        try (JarFile jar = new JarFile(agentJar.toFile())) {
            JarEntry boot = entry(jar, BOOTSTRAP);
            JarEntry rt = entry(jar, RUNTIME);
            // The directory is keyed by the nested jars' sizes and CRCs, which the jar's index holds,
            // so naming it costs no decompression; the content check below reads only what is on disk.
            MessageDigest md = sha256();
            md.update((boot.getSize() + ":" + boot.getCrc() + ":" + rt.getSize() + ":" + rt.getCrc())
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String key = HexFormat.of().formatHex(md.digest(), 0, 10);
            Path dir = privateDirectory(Path.of(System.getProperty("java.io.tmpdir"), "rolegate-agent-" + key));
            return new NestedJars(place(dir, "bootstrap.jar", jar, boot), place(dir, "runtime.jar", jar, rt));
        }
    }

    private static JarEntry entry(JarFile jar, String name) throws IOException {
        JarEntry e = jar.getJarEntry(name);
        if (e == null || e.getSize() < 0 || e.getCrc() < 0) {
            throw new IOException(name + " is missing from the agent jar " + jar.getName());
        }
        return e;
    }

    /** The shared directory when it is safely ours, else a fresh private one. */
    private static Path privateDirectory(Path shared) throws IOException {
        try {
            if (POSIX) {
                Files.createDirectory(shared, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(shared);
            }
            return shared;
        } catch (FileAlreadyExistsException e) {
            if (isOurs(shared)) {
                return shared;
            }
        }
        Path fresh = Files.createTempDirectory("rolegate-agent-");
        fresh.toFile().deleteOnExit();
        return fresh;
    }

    private static boolean isOurs(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!POSIX) {
            return true;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
        return owner.equals(System.getProperty("user.name"))
                && !perms.contains(PosixFilePermission.GROUP_WRITE) && !perms.contains(PosixFilePermission.OTHERS_WRITE);
    }

    /** The file {@code name} in {@code dir} with exactly the entry's content, writing it if needed. */
    private static Path place(Path dir, String name, JarFile jar, JarEntry entry) throws IOException {
        Path target = dir.resolve(name);
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == entry.getSize()
                && crc(target) == entry.getCrc()) {
            return target;
        }
        FileAttribute<?>[] attrs = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, name + ".", ".tmp", attrs);
        try {
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.size(tmp) != entry.getSize() || crc(tmp) != entry.getCrc()) {
                throw new IOException("unpacking " + entry.getName() + " produced a different file");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    private static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                crc.update(buf, 0, n);
            }
        }
        return crc.getValue();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
