package dev.rolegate.policy;

import static dev.rolegate.policy.TestPolicies.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hostile documents end in one clear problem, never in a StackOverflowError or OutOfMemoryError. */
class DocumentLimitsTest {

    @Test
    void rejectsDeeplyNestedYamlFlowSequences() {
        String text = "apiVersion: rolegate/v1\nservices: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";

        assertThat(problems(text)).hasSize(1);
    }

    @Test
    void rejectsDeeplyNestedYamlBlockMappings() {
        StringBuilder sb = new StringBuilder("apiVersion: rolegate/v1\n");
        for (int i = 0; i < 200; i++) {
            sb.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }

        assertThat(problems(sb.toString())).anySatisfy(p -> assertThat(p.message()).contains("nest"));
    }

    @Test
    void rejectsDeeplyNestedJson() {
        String text = "{\"apiVersion\": \"rolegate/v1\", \"services\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        assertThat(problems(text)).singleElement().satisfies(p -> assertThat(p.message()).contains("nesting depth"));
    }

    @Test
    void rejectsDocumentLargerThanTheLimit() {
        String text = "apiVersion: rolegate/v1\n#" + "x".repeat(PolicyParser.MAX_CHARS) + "\n";

        assertThat(problems(text)).singleElement().satisfies(p -> assertThat(p.message()).contains("limit"));
    }

    @Test
    void capsTheNumberOfListedProblems() {
        StringBuilder sb = new StringBuilder("apiVersion: rolegate/v1\nroles:\n");
        for (int i = 0; i < 1000; i++) {
            sb.append("  R").append(i).append(": { allow: [] }\n");
        }

        assertThat(problems(sb.toString())).hasSize(Problems.MAX_PROBLEMS + 1)
                .last().satisfies(p -> assertThat(p.message()).contains("500 more"));
    }

    @Test
    void rejectsNullText() {
        assertThat(problems(null)).singleElement().satisfies(p -> assertThat(p.message()).contains("no document"));
    }

    @Test
    void ignoresLeadingByteOrderMark() {
        assertThat(TestPolicies.parse("\uFEFFapiVersion: rolegate/v1\n").services()).isEmpty();
    }
}
