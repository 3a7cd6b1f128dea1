package dev.rolegate.server.io;

import dev.rolegate.server.Log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Notices every change of one file's content and reports the new content.
 *
 * <p>Why polling the content rather than a {@code WatchService} or the mtime: an editor's
 * rename-save replaces the inode (a watch on the file is lost), container bind mounts and network
 * file systems deliver no events, and an mtime with one-second granularity hides a second edit
 * within the same second. Hashing a small file every 200 ms is cheap and misses nothing.
 *
 * <p>A change is reported once the new content has been read twice in a row, so that a file
 * caught half-written by an in-place save is not reported as a (broken) revision. That keeps the
 * delay between a save and the report within about 400 ms.
 */
public final class FileChangePoller implements AutoCloseable {
    /** Polling period; two periods must stay well within the contract's one second. */
    public static final long PERIOD_MILLIS = 200;

    private final Path file;
    private final Consumer<Optional<byte[]>> onChange;
    private final ScheduledFuture<?> task;
    private String reportedHash;
    private String candidateHash;

    /**
     * Starts polling.
     *
     * @param initialContent content the caller has already loaded ({@code null} when the file was absent);
     *                       only a difference from it is reported
     * @param onChange       receives the new content, or empty when the file disappeared; runs on
     *                       {@code scheduler}, never concurrently with itself
     */
    public FileChangePoller(Path file, byte[] initialContent, ScheduledExecutorService scheduler,
                            Consumer<Optional<byte[]>> onChange) {
        this.file = file;
        this.onChange = onChange;
        this.reportedHash = hash(initialContent);
        this.candidateHash = reportedHash;
        this.task = scheduler.scheduleWithFixedDelay(this::poll, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Reads the file, or returns null when it does not exist. */
    public static byte[] readIfExists(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void poll() {
        byte[] content;
        try {
            content = readIfExists(file);
        } catch (IOException e) {
            // Transient (a rename in progress, permissions being fixed): try again next period.
            return;
        }
        String hash = hash(content);
        if (hash.equals(reportedHash)) {
            candidateHash = hash;
            return;
        }
        if (!hash.equals(candidateHash)) {
            candidateHash = hash;
            return;
        }
        reportedHash = hash;
        try {
            onChange.accept(Optional.ofNullable(content));
        } catch (RuntimeException e) {
            // A throwing listener must not cancel the periodic task for good.
            Log.error("handling a change of " + file + " failed: " + e);
        }
    }

    /** SHA-256 hex of the content; {@code "absent"} for a missing file. */
    public static String hash(byte[] content) {
        if (content == null) {
            return "absent";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
