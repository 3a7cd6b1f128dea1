package dev.rolegate.server.cli;

import dev.rolegate.policy.PolicyDocument;
import dev.rolegate.policy.PolicyParser;
import dev.rolegate.policy.PolicyValidationException;
import dev.rolegate.policy.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code validate FILE}: exit 0 and a summary when the document is valid; exit 1 and every problem,
 * one per line with its location (the parser's messages quote the offending name or value).
 * Everything goes to standard output, since the problems are this command's answer.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validates a policy document (YAML or JSON) and lists every problem.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the policy document")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String text;
        try {
            text = PolicyFiles.read(file);
        } catch (IOException e) {
            out.println(file + ": cannot read: " + e.getMessage());
            return 1;
        }
        try {
            PolicyDocument doc = PolicyParser.parse(text, file.toString());
            out.println(file + " is valid: " + doc.services().size() + " services, " + doc.identities().size()
                    + " identities, " + doc.roles().size() + " roles, " + doc.bindings().size() + " bindings");
            return 0;
        } catch (PolicyValidationException e) {
            out.println(file + " is invalid: " + e.problems().size() + " problem(s)");
            for (Problem p : e.problems()) {
                out.println("  " + p.location() + ": " + p.message());
            }
            return 1;
        }
    }
}
