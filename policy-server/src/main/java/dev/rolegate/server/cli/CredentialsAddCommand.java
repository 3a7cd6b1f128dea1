package dev.rolegate.server.cli;

import dev.rolegate.server.credentials.CredentialsFile;
import dev.rolegate.server.credentials.PublicKeys;
import dev.rolegate.server.credentials.IdentityNames;
import dev.rolegate.server.credentials.SecretHasher;
import dev.rolegate.server.io.FileChangePoller;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code credentials add IDENTITY --file FILE}: creates or rotates IDENTITY's secret (32 random
 * bytes, base64url), stores only its hash in FILE (created if missing, other entries kept) and
 * prints the secret once, alone on the last line of standard output, so scripts can take it with
 * {@code tail -n 1}. With {@code --public-key PEM} it stores (or replaces) IDENTITY's EC P-256 public
 * key for {@code private_key_jwt} instead, keeping any secret, and prints no secret. A running
 * server picks the change up by itself.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Creates or rotates IDENTITY's secret and prints it once, on the last line.")
final class CredentialsAddCommand implements Callable<Integer> {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IDENTITY")
    String identity;

    @Option(names = "--file", paramLabel = "FILE", defaultValue = "${env:ROLEGATE_CREDENTIALS:-credentials.yaml}",
            description = "credentials file (default: $ROLEGATE_CREDENTIALS or credentials.yaml)")
    Path file;

    @Option(names = "--public-key", paramLabel = "PEM",
            description = "store this EC P-256 public key (PEM) for private_key_jwt instead of creating a secret")
    Path publicKeyFile;

    @Override
    public Integer call() throws IOException {
        if (!IdentityNames.isValid(identity)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "\"" + identity + "\" is not a valid identity name: " + IdentityNames.rule());
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, CredentialsFile.Entry> entries = new LinkedHashMap<>();
        byte[] existing = FileChangePoller.readIfExists(file);
        if (existing != null) {
            try {
                entries.putAll(CredentialsFile.parseEntries(existing));
            } catch (CredentialsFile.InvalidCredentialsException e) {
                spec.commandLine().getErr().println("error: " + file + " is invalid, not changing it:\n  "
                        + String.join("\n  ", e.problems()));
                return 1;
            }
        }
        CredentialsFile.Entry before = entries.get(identity);
        if (publicKeyFile != null) {
            String key;
            try {
                key = PublicKeys.fromPem(Files.readString(publicKeyFile, StandardCharsets.US_ASCII));
            } catch (IOException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("error: " + publicKeyFile + " " + e.getMessage());
                return 1;
            }
            entries.put(identity, new CredentialsFile.Entry(before == null ? null : before.secretHash(), key));
            CredentialsFile.writeEntries(file, entries);
            out.println("Stored the public key of \"" + identity + "\" in " + file + " for private_key_jwt;"
                    + " give the workload its private key as ROLEGATE_KEY_FILE.");
            return 0;
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        boolean rotated = before != null && before.secretHash() != null;
        entries.put(identity, new CredentialsFile.Entry(SecretHasher.hash(secret), before == null ? null : before.publicKey()));
        CredentialsFile.writeEntries(file, entries);
        out.println((rotated ? "Rotated the secret of " : "Created a secret for ") + "\"" + identity + "\" in " + file
                + " (only its PBKDF2 hash is stored).");
        out.println("It is shown once, on the next line; give it to the workload as ROLEGATE_SECRET or ROLEGATE_SECRET_FILE:");
        out.println(secret);
        return 0;
    }
}
