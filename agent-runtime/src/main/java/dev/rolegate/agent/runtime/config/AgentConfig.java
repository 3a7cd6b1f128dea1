package dev.rolegate.agent.runtime.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The agent's settings (CONTRACT.md section 2): each an environment variable, overridden by a
 * system property. Parsing never throws: a bad value becomes an {@link #errors() error} (one line
 * naming the variable; the agent then fails closed for inbound calls) and a questionable one a
 * {@link #warnings() warning}.
 */
public final class AgentConfig {
    public static final String DEFAULT_SERVER = "http://localhost:7070";
    public static final String DEFAULT_TOKEN_HEADER = "Rolegate-Token";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    /** RFC 9110 token characters, the only ones allowed in a header name. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final String FAIL_CLOSED = "; inbound calls will be refused (503) until this is fixed";

    private final String identity;
    private final boolean identitySet;
    private final List<URI> servers;
    private final String secret;
    private final Path keyFile;
    private final Mode mode;
    private final Path cacheDir;
    private final AuditTarget audit;
    private final String tokenHeader;
    private final Egress egress;
    private final List<String> errors;
    private final List<String> warnings;

    private AgentConfig(Builder b) {
        this.identity = b.identity;
        this.identitySet = b.identitySet;
        this.servers = List.copyOf(b.servers);
        this.secret = b.secret;
        this.keyFile = b.keyFile;
        this.mode = b.mode;
        this.cacheDir = b.cacheDir;
        this.audit = b.audit;
        this.tokenHeader = b.tokenHeader;
        this.egress = b.egress;
        this.errors = List.copyOf(b.errors);
        this.warnings = List.copyOf(b.warnings);
    }

    /** Reads the real environment and system properties. */
    public static AgentConfig fromEnvironment() {
        return parse(System.getenv(), System.getProperties());
    }

    /** Parses settings from {@code env}, overridden by {@code props}. Never throws. */
    public static AgentConfig parse(Map<String, String> env, Properties props) {
        Builder b = new Builder();

        Setting id = Setting.read(env, props, "ROLEGATE_IDENTITY", "rolegate.identity");
        b.identitySet = id.isSet();
        if (!id.isSet()) {
            b.warnings.add("ROLEGATE_IDENTITY is not set; the agent does nothing (no tokens, no checks)");
        } else if (!NAME.matcher(id.value().trim()).matches()) {
            b.errors.add(id.source() + "=" + quote(id.value()) + " is not a valid identity name (lowercase letters,"
                    + " digits, '.', '_' and '-', starting with a letter or digit, at most 63 characters)" + FAIL_CLOSED);
        } else {
            b.identity = id.value().trim();
        }

        Setting mode = Setting.read(env, props, "ROLEGATE_MODE", "rolegate.mode");
        if (mode.isSet()) {
            b.mode = Mode.parse(mode.value());
            if (b.mode == null) {
                b.errors.add(mode.source() + "=" + quote(mode.value()) + " is not one of enforce, monitor, off" + FAIL_CLOSED);
            }
        }

        parseServers(Setting.read(env, props, "ROLEGATE_SERVER", "rolegate.server"), b);
        parseCredentials(env, props, b);

        Setting cache = Setting.read(env, props, "ROLEGATE_CACHE_DIR", "rolegate.cache.dir");
        String tmp = props.getProperty("java.io.tmpdir", System.getProperty("java.io.tmpdir"));
        try {
            if (cache.isSet()) {
                b.cacheDir = Path.of(cache.value().trim());
            } else if (b.identity != null && tmp != null) {
                b.cacheDir = Path.of(tmp, "rolegate-" + b.identity);
            }
        } catch (InvalidPathException e) {
            b.errors.add(cache.source() + "=" + quote(cache.value()) + " is not a valid directory path" + FAIL_CLOSED);
        }

        Setting audit = Setting.read(env, props, "ROLEGATE_AUDIT", "rolegate.audit");
        if (audit.isSet()) {
            String v = audit.value().trim();
            if (v.equalsIgnoreCase("stdout")) {
                b.audit = AuditTarget.STDOUT;
            } else if (v.equalsIgnoreCase("off")) {
                b.audit = AuditTarget.OFF;
            } else {
                try {
                    b.audit = new AuditTarget(AuditTarget.Kind.FILE, Path.of(v));
                } catch (InvalidPathException e) {
                    b.errors.add(audit.source() + "=" + quote(audit.value())
                            + " is neither stdout, off nor a valid file path" + FAIL_CLOSED);
                }
            }
        }

        Setting header = Setting.read(env, props, "ROLEGATE_TOKEN_HEADER", "rolegate.token.header");
        if (header.isSet()) {
            String v = header.value().trim();
            if (HEADER_NAME.matcher(v).matches()) {
                b.tokenHeader = v;
            } else {
                b.errors.add(header.source() + "=" + quote(header.value()) + " is not a valid HTTP header name" + FAIL_CLOSED);
            }
        }
        parseEgress(Setting.read(env, props, "ROLEGATE_EGRESS", "rolegate.egress"), b);
        return new AgentConfig(b);
    }

    private static void parseEgress(Setting egress, Builder b) {
        if (egress.isSet()) {
            b.egress = Egress.parse(egress.value());
            if (b.egress == null) {
                b.errors.add(egress.source() + "=" + quote(egress.value()) + " is not one of off, monitor, enforce"
                        + FAIL_CLOSED);
            }
        }
    }

    private static void parseServers(Setting server, Builder b) {
        String raw = server.isSet() ? server.value() : DEFAULT_SERVER;
        for (String part : raw.split(",")) {
            String s = part.trim();
            if (s.isEmpty()) {
                continue;
            }
            String problem = null;
            try {
                URI u = new URI(s);
                String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
                if (!"http".equals(scheme) && !"https".equals(scheme)) {
                    problem = "is not an http:// or https:// URL";
                } else if (u.getHost() == null) {
                    problem = "has no host";
                } else if (u.getRawUserInfo() != null) {
                    problem = "must not carry credentials (use ROLEGATE_SECRET_FILE)";
                } else if (u.getRawQuery() != null || u.getRawFragment() != null) {
                    problem = "must not have a query or fragment";
                } else {
                    String path = u.getRawPath() == null ? "" : u.getRawPath();
                    while (path.endsWith("/")) {
                        path = path.substring(0, path.length() - 1);
                    }
                    b.servers.add(new URI(scheme, null, u.getHost(), u.getPort(), path.isEmpty() ? null : path, null, null));
                }
            } catch (URISyntaxException e) {
                problem = "is not a valid URL";
            }
            if (problem != null) {
                b.errors.add(server.source() + " entry " + quote(s) + " " + problem + FAIL_CLOSED);
            }
        }
        if (b.servers.isEmpty() && b.errors.stream().noneMatch(e -> e.startsWith(server.source()))) {
            b.errors.add(server.source() + "=" + quote(raw) + " names no server" + FAIL_CLOSED);
        }
    }

    private static void parseCredentials(Map<String, String> env, Properties props, Builder b) {
        Setting file = Setting.read(env, props, "ROLEGATE_SECRET_FILE", "rolegate.secret.file");
        Setting plain = Setting.read(env, props, "ROLEGATE_SECRET", "rolegate.secret");
        if (file.isSet()) {
            try {
                String s = Files.readString(Path.of(file.value().trim()), StandardCharsets.UTF_8);
                s = stripTrailingNewline(s);
                if (s.isEmpty()) {
                    b.errors.add(file.source() + "=" + quote(file.value()) + " is empty" + FAIL_CLOSED);
                } else {
                    b.secret = s;
                }
            } catch (IOException | InvalidPathException | SecurityException e) {
                b.errors.add(file.source() + "=" + quote(file.value()) + " cannot be read ("
                        + e.getClass().getSimpleName() + ")" + FAIL_CLOSED);
            }
        } else if (plain.isSet()) {
            b.secret = stripTrailingNewline(plain.value());
        }

        Setting key = Setting.read(env, props, "ROLEGATE_KEY_FILE", "rolegate.key.file");
        if (key.isSet()) {
            String problem;
            try {
                b.keyFile = Path.of(key.value().trim());
                problem = KeyFileCheck.problem(b.keyFile);
            } catch (InvalidPathException e) {
                problem = "is not a valid file path";
            }
            if (problem != null) {
                b.errors.add(key.source() + "=" + quote(key.value()) + " " + problem + FAIL_CLOSED);
            } else if (b.secret != null) {
                // The key wins (ServerClients): say so, so nobody believes the secret is in use.
                b.warnings.add(key.source() + " and a client secret are both set; the agent authenticates with"
                        + " private_key_jwt and does not use the secret");
            }
        } else if (b.secret == null && b.identity != null) {
            b.warnings.add("neither ROLEGATE_SECRET_FILE nor ROLEGATE_SECRET is set; the agent cannot fetch policy or"
                    + " tokens and works from its cache only");
        }
    }

    private static String stripTrailingNewline(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        if (s.endsWith("\n")) {
            return s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String quote(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length() && i < 200; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** This workload's identity; null when unset or invalid. */
    public String identity() {
        return identity;
    }

    /** Whether the agent should do anything at all: an identity is set (valid or not) and the mode is not off. */
    public boolean active() {
        return identitySet && mode != Mode.OFF;
    }

    /** Policy server base URLs in the order to try; never empty unless there are errors. */
    public List<URI> servers() {
        return servers;
    }

    /** The client secret, or null. Never log it. */
    public String secret() {
        return secret;
    }

    /** {@code ROLEGATE_KEY_FILE}, or null. */
    public Path keyFile() {
        return keyFile;
    }

    /** The mode; null when the configured value is invalid. */
    public Mode mode() {
        return mode;
    }

    /** Where the last good policy is cached; null when it cannot be derived. */
    public Path cacheDir() {
        return cacheDir;
    }

    public AuditTarget audit() {
        return audit;
    }

    public String tokenHeader() {
        return tokenHeader;
    }

    /** {@code ROLEGATE_EGRESS}; null when the configured value is invalid. */
    public Egress egress() {
        return egress;
    }

    /** Bad values, one line each naming the variable; non-empty means fail closed. */
    public List<String> errors() {
        return errors;
    }

    /** Lines worth telling the user that do not stop the agent. */
    public List<String> warnings() {
        return warnings;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    @Override
    public String toString() {
        return "AgentConfig[identity=" + identity + ", servers=" + servers + ", secret=" + (secret == null ? "unset" : "set")
                + ", mode=" + mode + ", cacheDir=" + cacheDir + ", audit=" + audit + ", tokenHeader=" + tokenHeader
                + ", egress=" + egress + ", errors=" + errors.size() + "]";
    }

    private static final class Builder {
        String identity;
        boolean identitySet;
        final List<URI> servers = new ArrayList<>();
        String secret;
        Path keyFile;
        Mode mode = Mode.ENFORCE;
        Path cacheDir;
        AuditTarget audit = AuditTarget.STDOUT;
        String tokenHeader = DEFAULT_TOKEN_HEADER;
        Egress egress = Egress.MONITOR;
        final List<String> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
    }
}
