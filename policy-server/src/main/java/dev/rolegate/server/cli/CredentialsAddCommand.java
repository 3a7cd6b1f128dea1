package dev.rolegate.server.cli;

import dev.rolegate.server.credentials.CredentialsFile;
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
 * {@code tail -n 1}. A running server picks the change up by itself.
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

    @Override
    public Integer call() throws IOException {
        if (!IdentityNames.isValid(identity)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "\"" + identity + "\" is not a valid identity name: " + IdentityNames.rule());
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> entries = new LinkedHashMap<>();
        byte[] existing = FileChangePoller.readIfExists(file);
        if (existing != null) {
            try {
                entries.putAll(CredentialsFile.parse(existing));
            } catch (CredentialsFile.InvalidCredentialsException e) {
                spec.commandLine().getErr().println("error: " + file + " is invalid, not changing it:\n  "
                        + String.join("\n  ", e.problems()));
                return 1;
            }
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        boolean rotated = entries.containsKey(identity);
        entries.put(identity, SecretHasher.hash(secret));
        CredentialsFile.write(file, entries);
        out.println((rotated ? "Rotated the secret of " : "Created a secret for ") + "\"" + identity + "\" in " + file
                + " (only its PBKDF2 hash is stored).");
        out.println("It is shown once, on the next line; give it to the workload as ROLEGATE_SECRET or ROLEGATE_SECRET_FILE:");
        out.println(secret);
        return 0;
    }
}
