package dev.rolegate.server.credentials;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rolegate.server.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The credentials file ({@code ROLEGATE_CREDENTIALS}), YAML:
 *
 * <pre>
 * identities:
 *   orders:
 *     secret: "pbkdf2-sha256$210000$&lt;salt&gt;$&lt;hash&gt;"
 * </pre>
 *
 * Only hashes ever appear in it ({@link SecretHasher}); {@code credentials add} writes entries. An
 * entry may instead (or as well) hold {@code publicKey}: the base64 DER (SubjectPublicKeyInfo) of an
 * EC P-256 public key, for {@code private_key_jwt} ({@code credentials add IDENTITY --public-key FILE}).
 */
public final class CredentialsFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private CredentialsFile() {
    }

    /** The file cannot be used; {@link #problems()} says why, entry by entry, without secret material. */
    public static final class InvalidCredentialsException extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        public InvalidCredentialsException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /**
     * One identity's credentials; at least one is set.
     *
     * @param secretHash encoded PBKDF2 hash of the client secret, or null
     * @param publicKey  base64 DER of the EC P-256 public key for {@code private_key_jwt}, or null
     */
    public record Entry(String secretHash, String publicKey) {
    }

    /** Parses the file's content into identity → encoded secret hash, in file order (entries without a secret left out). */
    public static Map<String, String> parse(byte[] content) throws InvalidCredentialsException {
        Map<String, String> secrets = new LinkedHashMap<>();
        parseEntries(content).forEach((id, e) -> {
            if (e.secretHash() != null) {
                secrets.put(id, e.secretHash());
            }
        });
        return secrets;
    }

    /** Parses the file's content into identity → credentials, in file order. */
    public static Map<String, Entry> parseEntries(byte[] content) throws InvalidCredentialsException {
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (IOException e) {
            throw new InvalidCredentialsException(List.of("not valid YAML: " + firstLine(e.getMessage())));
        }
        Map<String, Entry> result = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return result;
        }
        List<String> problems = new ArrayList<>();
        if (!root.isObject()) {
            throw new InvalidCredentialsException(List.of("the top level must be a mapping with key \"identities\""));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("identities")) {
                problems.add("unknown top-level field \"" + field + "\"");
            }
        }
        JsonNode identities = root.path("identities");
        if (!identities.isMissingNode() && !identities.isNull() && !identities.isObject()) {
            problems.add("\"identities\" must be a mapping of identity name to credentials");
        }
        for (Map.Entry<String, JsonNode> e : identities.properties()) {
            String name = e.getKey();
            String where = "identities." + name;
            if (!IdentityNames.isValid(name)) {
                problems.add(where + ": \"" + name + "\" is not a valid identity name (" + IdentityNames.rule() + ")");
                continue;
            }
            JsonNode entry = e.getValue();
            if (!entry.isObject()) {
                problems.add(where + ": must be a mapping with a \"secret\" hash");
                continue;
            }
            for (Iterator<String> f = entry.fieldNames(); f.hasNext(); ) {
                String field = f.next();
                if (!field.equals("secret") && !field.equals("publicKey")) {
                    problems.add(where + ": unknown field \"" + field + "\"");
                }
            }
            JsonNode secret = entry.path("secret");
            JsonNode publicKey = entry.path("publicKey");
            if (!secret.isTextual() && !publicKey.isTextual()) {
                problems.add(where + ": needs a \"secret\" (a " + SecretHasher.SCHEME + " hash) or a \"publicKey\"");
                continue;
            }
            String hash = null;
            if (secret.isTextual()) {
                try {
                    SecretHasher.parse(secret.asText());
                    hash = secret.asText();
                } catch (IllegalArgumentException ex) {
                    // The message describes the shape, never the value: it might be a pasted plain secret.
                    problems.add(where + ".secret " + ex.getMessage());
                    continue;
                }
            }
            String key = null;
            if (publicKey.isTextual()) {
                try {
                    PublicKeys.decode(publicKey.asText());
                    key = publicKey.asText();
                } catch (IllegalArgumentException ex) {
                    problems.add(where + ".publicKey " + ex.getMessage());
                    continue;
                }
            }
            result.put(name, new Entry(hash, key));
        }
        if (!problems.isEmpty()) {
            throw new InvalidCredentialsException(problems);
        }
        return result;
    }

    /** Writes identity → encoded hash, replacing the file atomically, readable by its owner only. */
    public static void write(Path file, Map<String, String> hashes) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        hashes.forEach((id, hash) -> entries.put(id, new Entry(hash, null)));
        writeEntries(file, entries);
    }

    /** Writes identity → credentials, replacing the file atomically, readable by its owner only. */
    public static void writeEntries(Path file, Map<String, Entry> entries) throws IOException {
        StringBuilder sb = new StringBuilder()
                .append("# Rolegate credentials: salted PBKDF2 hashes of client secrets, never the secrets.\n")
                .append("# Add or rotate an entry: java -jar rolegate-server.jar credentials add IDENTITY --file FILE\n")
                .append("identities:\n");
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            sb.append("  ").append(e.getKey()).append(":\n");
            if (e.getValue().secretHash() != null) {
                sb.append("    secret: \"").append(e.getValue().secretHash()).append("\"\n");
            }
            if (e.getValue().publicKey() != null) {
                sb.append("    publicKey: \"").append(e.getValue().publicKey()).append("\"\n");
            }
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8), true);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
