package dev.rolegate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rolegate.policy.CompiledPolicy;
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
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code test FILE --policy POLICY}: policy unit tests, like {@code opa test}. FILE is a YAML list
 * of cases, each a string {@code "identity METHOD service /path -> allow|deny"}. Every case is
 * checked against the policy; each failing one is printed with the reason the policy gives; exit 0
 * when all pass, 1 when any fails, 2 when a file cannot be read or a case is malformed.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Checks a YAML list of cases \"identity METHOD service /path -> allow|deny\" against a policy.")
final class TestCommand implements Callable<Integer> {
    private static final Pattern CASE = Pattern.compile("\\s*(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s*->\\s*(allow|deny)\\s*");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "YAML list of test cases")
    Path casesFile;
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
        JsonNode cases;
        try {
            cases = new ObjectMapper(new YAMLFactory()).readTree(PolicyFiles.read(casesFile));
        } catch (IOException e) {
            err.println("error: cannot read " + casesFile + ": " + e.getMessage());
            return 2;
        }
        if (cases == null || !cases.isArray()) {
            err.println("error: " + casesFile + " must be a YAML list of \"identity METHOD service /path -> allow|deny\"");
            return 2;
        }
        int failed = 0;
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            Matcher m = c.isTextual() ? CASE.matcher(c.asText()) : null;
            if (m == null || !m.matches()) {
                err.println("error: " + casesFile + " case " + (i + 1) + " is not \"identity METHOD service /path -> allow|deny\": "
                        + c);
                return 2;
            }
            boolean expectAllow = m.group(5).equals("allow");
            PolicyQuestion q = PolicyQuestion.ask(policy, policyFile.toString(), m.group(1), m.group(2), m.group(3),
                    m.group(4));
            if (q.allowed() != expectAllow) {
                failed++;
                out.println("FAIL case " + (i + 1) + ": " + c.asText().strip() + ", but the policy says "
                        + (q.allowed() ? "allow" : "deny") + ": " + q.reason());
            }
        }
        out.println((cases.size() - failed) + " of " + cases.size() + " case(s) passed" + (failed == 0 ? "" : ", "
                + failed + " failed"));
        return failed == 0 ? 0 : 1;
    }
}
