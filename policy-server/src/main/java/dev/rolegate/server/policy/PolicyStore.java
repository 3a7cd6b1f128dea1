package dev.rolegate.server.policy;

import dev.rolegate.policy.PolicyDocument;
import dev.rolegate.policy.PolicyParser;
import dev.rolegate.policy.PolicyValidationException;
import dev.rolegate.policy.Problem;
import dev.rolegate.server.Log;
import dev.rolegate.server.StartupException;
import dev.rolegate.server.io.FileChangePoller;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The active policy revision, where it comes from and who hears of a new one.
 *
 * <h2>Sources</h2>
 * The policy file ({@code ROLEGATE_POLICY}) is hot-reloaded: every content change that parses is
 * activated as a new revision (see {@link FileChangePoller} for how changes are noticed); an
 * invalid change is logged with every problem and the last good revision stays active. When the
 * file does not exist the built-in demo policy is served, and the first log line says so.
 *
 * <p>An admin {@code PUT /v1/policy} activates its document in the same way. <b>File and PUT
 * coexist as "last change wins":</b> a PUT stays active until the policy file's content changes
 * again, and then the file's document becomes the next revision. A restart keeps a PUT document
 * active as long as the file has not changed since; otherwise the file wins.
 *
 * <h2>Revisions</h2>
 * Revision numbers only grow and are persisted (by {@link RevisionRepository}) before a revision is
 * published, so a restart never reuses a number for a different document; a restart with an
 * unchanged document keeps its revision. A change that yields the same canonical document (a
 * comment or whitespace edit) is not a new revision.
 */
public final class PolicyStore implements AutoCloseable {
    static final String DEMO_RESOURCE = "/dev/rolegate/server/demo-policy.yaml";

    private final Path policyFile;
    private final RevisionRepository repository;
    private final Clock clock;
    private final List<Consumer<PolicyRevision>> listeners = new CopyOnWriteArrayList<>();
    private volatile PolicyRevision current;
    private String lastFileHash;
    private FileChangePoller poller;
    private byte[] initialFileContent;

    private PolicyStore(Path policyFile, Path dataDir, Clock clock) {
        this.policyFile = policyFile;
        this.repository = new RevisionRepository(dataDir);
        this.clock = clock;
    }

    /**
     * Loads the policy file (or the demo policy) and reconciles it with the persisted revision.
     * Logs the outcome first, before anything else the server logs.
     *
     * @throws StartupException when the file is invalid and no earlier good revision exists, or the
     *                          data directory cannot be used
     */
    public static PolicyStore open(Path policyFile, Path dataDir, Clock clock) throws StartupException {
        PolicyStore store = new PolicyStore(policyFile, dataDir, clock);
        store.load();
        return store;
    }

    private void load() throws StartupException {
        byte[] content;
        try {
            content = FileChangePoller.readIfExists(policyFile);
        } catch (IOException e) {
            throw new StartupException("cannot read policy file " + policyFile + ": " + e.getMessage(), e);
        }
        initialFileContent = content;
        lastFileHash = FileChangePoller.hash(content);
        Optional<RevisionRepository.Persisted> persisted = repository.load();

        PolicyDocument document;
        PolicySource source;
        if (content == null) {
            Log.info("Policy file " + policyFile + " not found: serving the built-in demo policy");
            document = demoPolicy();
            source = PolicySource.DEMO;
        } else {
            try {
                document = PolicyParser.parse(decode(content), policyFile.toString());
                source = PolicySource.FILE;
            } catch (PolicyValidationException e) {
                logProblems("Policy file " + policyFile + " is invalid", e.problems());
                document = null;
                source = PolicySource.FILE;
            }
        }

        Optional<PolicyDocument> persistedDoc = persisted.flatMap(PolicyStore::parsePersisted);
        boolean adminStillNewer = persisted.isPresent() && persisted.get().source() == PolicySource.ADMIN
                && persisted.get().fileHash().equals(lastFileHash) && persistedDoc.isPresent();
        if (adminStillNewer || (document == null && persistedDoc.isPresent())) {
            RevisionRepository.Persisted p = persisted.get();
            current = PolicyRevision.of(p.revision(), persistedDoc.get(), p.source(), p.fileHash(), clock.instant(),
                    p.author());
            String why = adminStillNewer ? "the admin PUT document, newer than the unchanged policy file"
                    : "the last good document, since the file is invalid";
            Log.info("Policy " + current.summary() + " restored from " + repository.directory() + ": " + why);
            return;
        }
        if (document == null) {
            throw new StartupException("policy file " + policyFile + " is invalid and " + repository.directory()
                    + " holds no earlier good revision; fix the file (try: rolegate-server.jar validate "
                    + policyFile + ")");
        }
        PolicyRevision candidate = PolicyRevision.of(1, document, source, lastFileHash, clock.instant());
        if (persisted.isPresent()) {
            RevisionRepository.Persisted p = persisted.get();
            long rev = p.digest().equals(candidate.digest()) ? p.revision() : p.revision() + 1;
            candidate = PolicyRevision.of(rev, document, source, lastFileHash, clock.instant());
        }
        try {
            repository.save(candidate);
        } catch (IOException e) {
            throw new StartupException("cannot write " + repository.directory() + ": " + e.getMessage(), e);
        }
        current = candidate;
        Log.info("Policy " + current.summary() + " active");
    }

    private static Optional<PolicyDocument> parsePersisted(RevisionRepository.Persisted p) {
        try {
            return Optional.of(PolicyParser.parse(p.policyJson(), "persisted revision " + p.revision()));
        } catch (PolicyValidationException e) {
            Log.warn("persisted policy revision " + p.revision() + " no longer validates; only its number is kept");
            return Optional.empty();
        }
    }

    /** The built-in demo policy. */
    public static PolicyDocument demoPolicy() {
        try (InputStream in = PolicyStore.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("demo policy resource missing from the jar: " + DEMO_RESOURCE);
            }
            return PolicyParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in demo policy");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PolicyValidationException e) {
            throw new IllegalStateException("the built-in demo policy is invalid: " + e.getMessage(), e);
        }
    }

    /** Starts hot reload of the policy file; changes are read on {@code scheduler}. */
    public synchronized void startWatching(ScheduledExecutorService scheduler) {
        if (poller == null) {
            poller = new FileChangePoller(policyFile, initialFileContent, scheduler, this::onFileChange);
            initialFileContent = null;
        }
    }

    /** The active revision; never null. */
    public PolicyRevision current() {
        return current;
    }

    /**
     * Adds a listener for each newly activated revision. Listeners run on the thread that activated
     * it, one revision after another in order; they must be quick and must not block.
     */
    public void addListener(Consumer<PolicyRevision> listener) {
        listeners.add(listener);
    }

    /**
     * Validates and activates an admin document (JSON or YAML).
     *
     * @return the active revision afterwards: a new one, or the current one when the document is
     *         the same as the active one
     * @throws PolicyValidationException with every problem; nothing changes
     * @throws IOException when the revision cannot be persisted; nothing changes
     */
    public PolicyRevision activateFromAdmin(String text, String author) throws PolicyValidationException, IOException {
        PolicyDocument doc = PolicyParser.parse(text, "PUT /v1/policy");
        synchronized (this) {
            return activate(doc, PolicySource.ADMIN, lastFileHash, author);
        }
    }

    /**
     * Activates the document of an earlier revision again, as a new revision (revision numbers only
     * grow, so agents holding the later one take it as news). Like a PUT, it stays active until the
     * policy file changes.
     *
     * @return the active revision afterwards, or empty when the history has no such revision
     * @throws PolicyValidationException when that document no longer validates; nothing changes
     */
    public Optional<PolicyRevision> rollback(long revision, String author)
            throws PolicyValidationException, IOException {
        Optional<RevisionRepository.Persisted> old = repository.read(revision);
        if (old.isEmpty()) {
            return Optional.empty();
        }
        PolicyDocument doc = PolicyParser.parse(old.get().policyJson(), "history revision " + revision);
        synchronized (this) {
            return Optional.of(activate(doc, PolicySource.ADMIN, lastFileHash, author));
        }
    }

    /**
     * Activates the active document again as a new revision, so that every watching agent receives a
     * freshly signed bundle at once (after a signing-key rotation). Source and file hash are kept, so
     * the file-versus-admin rule is unaffected.
     */
    public synchronized PolicyRevision republish(String author) throws IOException {
        PolicyRevision old = current;
        return publish(PolicyRevision.of(old.revision() + 1, old.document(), old.source(), old.fileHash(),
                clock.instant(), author));
    }

    /** The history, newest first. */
    public List<HistoryEntry> history() throws IOException {
        return repository.list().stream().map(HistoryEntry::of).toList();
    }

    /** One revision of the history. */
    public Optional<HistoryEntry> historyEntry(long revision) throws IOException {
        return repository.read(revision).map(HistoryEntry::of);
    }

    /** Whether the policy file exists now (then a later edit of it replaces an admin change). */
    public boolean policyFileExists() {
        return java.nio.file.Files.exists(policyFile);
    }

    private synchronized void onFileChange(Optional<byte[]> content) {
        lastFileHash = FileChangePoller.hash(content.orElse(null));
        if (content.isEmpty()) {
            Log.warn("Policy file " + policyFile + " was removed; revision " + current.revision() + " stays active");
            return;
        }
        try {
            PolicyDocument doc = PolicyParser.parse(decode(content.get()), policyFile.toString());
            activate(doc, PolicySource.FILE, lastFileHash, PolicySource.FILE.label());
        } catch (PolicyValidationException e) {
            logProblems("Policy file " + policyFile + " changed but is invalid; revision " + current.revision()
                    + " stays active", e.problems());
        } catch (IOException e) {
            Log.error("cannot persist the new policy revision, keeping revision " + current.revision() + ": "
                    + e.getMessage());
        }
    }

    // Callers hold the lock: one activation at a time keeps numbers and listener order consistent.
    private PolicyRevision activate(PolicyDocument doc, PolicySource source, String fileHash, String author)
            throws IOException {
        PolicyRevision old = current;
        PolicyRevision next = PolicyRevision.of(old.revision() + 1, doc, source, fileHash, clock.instant(), author);
        if (next.digest().equals(old.digest())) {
            Log.info("Policy from " + source.label() + " is unchanged: revision " + old.revision() + " stays active");
            return old;
        }
        return publish(next);
    }

    private PolicyRevision publish(PolicyRevision next) throws IOException {
        repository.save(next);
        current = next;
        Log.info("Policy " + next.summary() + " active");
        for (Consumer<PolicyRevision> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                Log.error("a policy revision listener failed: " + e);
            }
        }
        return next;
    }

    private static String decode(byte[] content) throws PolicyValidationException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new PolicyValidationException(List.of(new Problem("file", "is not valid UTF-8 text")));
        }
    }

    private static void logProblems(String headline, List<Problem> problems) {
        StringBuilder sb = new StringBuilder(headline).append(": ").append(problems.size()).append(" problem(s)");
        for (Problem p : problems) {
            sb.append("\n  ").append(p.location()).append(": ").append(p.message());
        }
        Log.error(sb.toString());
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.close();
        }
    }
}
