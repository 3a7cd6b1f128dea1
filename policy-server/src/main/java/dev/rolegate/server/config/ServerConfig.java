package dev.rolegate.server.config;

import dev.rolegate.server.keys.SigningKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Policy server settings (CONTRACT.md section 7, PROTOCOL.md "Issuer and keys").
 *
 * <p>Each setting is read from an environment variable; the matching system property
 * ({@code ROLEGATE_DATA_DIR} → {@code rolegate.data.dir}) overrides it, the same convention as the
 * agent's.
 *
 * @param bindHost    interface to listen on ({@code ROLEGATE_BIND})
 * @param port        port, 0 for an ephemeral one ({@code ROLEGATE_PORT})
 * @param policyFile  policy document, hot-reloaded ({@code ROLEGATE_POLICY})
 * @param credentials credentials file ({@code ROLEGATE_CREDENTIALS})
 * @param dataDir     keys and policy revisions ({@code ROLEGATE_DATA_DIR})
 * @param adminSecret bearer secret of the admin API, empty when admin writes are refused
 * @param tokenTtlSeconds token lifetime ({@code ROLEGATE_TOKEN_TTL}, 5 to 86400)
 * @param issuer      explicit issuer ({@code ROLEGATE_ISSUER}); empty means {@code http://localhost:<port>}
 * @param namedAdmins more admins from {@code ROLEGATE_ADMINS_FILE}: name to SHA-256 of the secret
 * @param keyRotation how often the signing key is rotated ({@code ROLEGATE_KEY_ROTATION}, e.g. {@code 30d}); empty: only on demand
 * @param auditMaxBytes size at which the audit store starts a new file ({@code ROLEGATE_AUDIT_FILE_BYTES})
 * @param auditMaxFiles how many audit files are kept, the oldest removed first ({@code ROLEGATE_AUDIT_FILES})
 * @param authFailureLimit failed token requests per identity and per address per minute before 429
 *                         ({@code ROLEGATE_AUTH_FAILURES_PER_MINUTE})
 */
public record ServerConfig(
        String bindHost,
        int port,
        Path policyFile,
        Path credentials,
        Path dataDir,
        Optional<String> adminSecret,
        int tokenTtlSeconds,
        Optional<String> issuer,
        Map<String, byte[]> namedAdmins,
        Optional<Duration> keyRotation,
        long auditMaxBytes,
        int auditMaxFiles,
        int authFailureLimit) {

    public static final int MIN_TTL = 5;
    public static final int MAX_TTL = 86_400;

    /** Reads the real process environment and system properties. */
    public static ServerConfig fromEnvironment() throws ConfigException {
        return from(System.getenv(), System.getProperties());
    }

    /** Reads the given environment, with {@code props} overriding it. */
    public static ServerConfig from(Map<String, String> env, Properties props) throws ConfigException {
        Source src = new Source(env, props);
        String bind = src.get("ROLEGATE_BIND").orElse("0.0.0.0");
        int port = src.intValue("ROLEGATE_PORT", 7070, 0, 65_535);
        Path policy = src.path("ROLEGATE_POLICY", "policy.yaml");
        Path credentials = src.path("ROLEGATE_CREDENTIALS", "credentials.yaml");
        Path dataDir = src.path("ROLEGATE_DATA_DIR", "./rolegate-data");
        int ttl = src.intValue("ROLEGATE_TOKEN_TTL", 300, MIN_TTL, MAX_TTL);
        Optional<String> issuer = src.get("ROLEGATE_ISSUER").map(ServerConfig::checkIssuer);
        if (issuer.isPresent() && issuer.get().isEmpty()) {
            throw new ConfigException("ROLEGATE_ISSUER must be an http(s) URL without a trailing slash, e.g. https://rolegate.example.com");
        }
        Map<String, byte[]> admins = src.get("ROLEGATE_ADMINS_FILE").isPresent()
                ? AdminsFile.read(src.get("ROLEGATE_ADMINS_FILE").get()) : Map.of();
        Optional<Duration> rotation = src.get("ROLEGATE_KEY_ROTATION").isPresent()
                ? Optional.of(Durations.parse("ROLEGATE_KEY_ROTATION", src.get("ROLEGATE_KEY_ROTATION").get()))
                : Optional.empty();
        checkRotationOutlivesTokens(rotation, ttl);
        long auditBytes = src.intValue("ROLEGATE_AUDIT_FILE_BYTES", 64 * 1024 * 1024, 4096, Integer.MAX_VALUE);
        int auditFiles = src.intValue("ROLEGATE_AUDIT_FILES", 10, 1, 10_000);
        int authFailures = src.intValue("ROLEGATE_AUTH_FAILURES_PER_MINUTE", 10, 1, 1_000_000);
        return new ServerConfig(bind, port, policy, credentials, dataDir, adminSecret(src), ttl, issuer, admins,
                rotation, auditBytes, auditFiles, authFailures);
    }

    /**
     * The JWKS publishes only the current and the previous key, and the previous key signs tokens
     * until {@link SigningKeys#ACTIVATION_DELAY} after a rotation: a schedule shorter than that plus
     * the token lifetime would unpublish a key whose tokens are still valid, and calls would fail.
     */
    private static void checkRotationOutlivesTokens(Optional<Duration> rotation, int ttlSeconds) throws ConfigException {
        Duration minimum = SigningKeys.ACTIVATION_DELAY.plusSeconds(ttlSeconds);
        if (rotation.isPresent() && rotation.get().compareTo(minimum) < 0) {
            throw new ConfigException("ROLEGATE_KEY_ROTATION must be at least ROLEGATE_TOKEN_TTL + "
                    + SigningKeys.ACTIVATION_DELAY.toSeconds() + " s (here " + minimum.toSeconds()
                    + "s), got " + rotation.get().toSeconds() + "s: a shorter schedule would stop publishing"
                    + " a key whose tokens are still valid");
        }
    }

    /** A copy listening on another port; tests use port 0. */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bindHost, newPort, policyFile, credentials, dataDir, adminSecret, tokenTtlSeconds, issuer,
                namedAdmins, keyRotation, auditMaxBytes, auditMaxFiles, authFailureLimit);
    }

    private static String checkIssuer(String value) {
        boolean ok = (value.startsWith("http://") || value.startsWith("https://")) && !value.endsWith("/")
                && value.indexOf(' ') < 0;
        return ok ? value : "";
    }

    // The file wins over the variable, as for the agent's secret: a file does not leak through
    // /proc/<pid>/environ or `docker inspect`.
    private static Optional<String> adminSecret(Source src) throws ConfigException {
        Optional<String> file = src.get("ROLEGATE_ADMIN_SECRET_FILE");
        if (file.isPresent()) {
            try {
                String secret = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip();
                if (secret.isEmpty()) {
                    throw new ConfigException("ROLEGATE_ADMIN_SECRET_FILE: " + file.get() + " is empty");
                }
                return Optional.of(secret);
            } catch (IOException | InvalidPathException e) {
                throw new ConfigException("ROLEGATE_ADMIN_SECRET_FILE: cannot read " + file.get() + " (" + e.getMessage() + ")");
            }
        }
        return src.get("ROLEGATE_ADMIN_SECRET");
    }

    /** Environment plus system-property overrides; blank values count as unset. */
    private record Source(Map<String, String> env, Properties props) {
        Optional<String> get(String envName) {
            String prop = props.getProperty(propertyName(envName));
            String value = prop != null ? prop : env.get(envName);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        int intValue(String envName, int def, int min, int max) throws ConfigException {
            Optional<String> raw = get(envName);
            if (raw.isEmpty()) {
                return def;
            }
            try {
                int v = Integer.parseInt(raw.get());
                if (v < min || v > max) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new ConfigException(envName + " must be a whole number from " + min + " to " + max
                        + ", got \"" + raw.get() + "\"");
            }
        }

        Path path(String envName, String def) throws ConfigException {
            String raw = get(envName).orElse(def);
            try {
                return Path.of(raw);
            } catch (InvalidPathException e) {
                throw new ConfigException(envName + " is not a valid path: \"" + raw + "\"");
            }
        }

        /** {@code ROLEGATE_DATA_DIR} → {@code rolegate.data.dir}. */
        static String propertyName(String envName) {
            return envName.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
        }
    }
}
