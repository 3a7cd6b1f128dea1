package dev.rolegate.server.cli;

import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.PathNormalizer;
import dev.rolegate.policy.PolicyParser;
import dev.rolegate.policy.PolicyValidationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code can-i IDENTITY METHOD SERVICE PATH --policy FILE}: answers as the receiving agent would,
 * with a line starting {@code yes} or {@code no} and the reason. Exit 0 yes, 1 no, 2 when the
 * question cannot be answered (unreadable or invalid policy).
 */
@Command(name = "can-i", mixinStandardHelpOptions = true,
        description = "Tells whether IDENTITY may call METHOD PATH on SERVICE under a policy, and why.")
final class CanICommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IDENTITY")
    String identity;
    @Parameters(index = "1", paramLabel = "METHOD")
    String method;
    @Parameters(index = "2", paramLabel = "SERVICE")
    String service;
    @Parameters(index = "3", paramLabel = "PATH", description = "request path, e.g. /items/7 (a query string is ignored)")
    String path;
    @Option(names = "--policy", paramLabel = "FILE", defaultValue = "${env:ROLEGATE_POLICY:-policy.yaml}",
            description = "policy document (default: $ROLEGATE_POLICY or policy.yaml)")
    Path policyFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompiledPolicy policy;
        try {
            policy = CompiledPolicy.compile(PolicyParser.parse(PolicyFiles.read(policyFile), policyFile.toString()));
        } catch (IOException e) {
            err.println("error: cannot read " + policyFile + ": " + e.getMessage());
            return 2;
        } catch (PolicyValidationException e) {
            err.println("error: " + policyFile + " is invalid (run: validate " + policyFile + ")");
            return 2;
        }
        PolicyQuestion q = PolicyQuestion.ask(policy, policyFile.toString(), identity, method, service, path);
        return answer(out, q.allowed(), q.reason());
    }

    private static int answer(PrintWriter out, boolean yes, String reason) {
        out.println((yes ? "yes: " : "no: ") + reason);
        return yes ? 0 : 1;
    }
}
