package dev.rolegate.policy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy parser never throws anything but {@link PolicyValidationException}, whatever it is given:
 * arbitrary text, YAML/JSON-ish token soup, and valid documents mutated by deleting, duplicating and
 * inserting hostile fragments (tags, anchors, aliases, merge keys, flow brackets, YAML 1.1 scalars).
 */
class PolicyParserPropertyTest {
    private static final List<String> FRAGMENTS = List.of("{", "}", "[", "]", ":", ": ", "- ", ",", "\n", "\n  ", "\n    ",
            "\t", "'", "\"", "#", "&a ", "*a", "<<: *a", "!!str ", "!!javax.script.ScriptEngineManager ", "!<tag:x> ", "? ",
            "|", ">", "---\n", "...\n", "%YAML 1.1\n", "~", "null", "yes", "no", "on", "0x1F", "0o17", "1e400", "-.inf",
            ".nan", "2026-12-03", "\u0000", "\u202e", "\ud800", "\u043e", "\\u0000", "services", "roles", "bindings",
            "apiVersion", "rolegate/v1", "allow", "paths", "methods", "GET", "/items/**", "{name}", "identities");

    private static final String JSON_BASE = "{\"apiVersion\":\"rolegate/v1\",\"services\":{\"inventory\":{\"addresses\":"
            + "[\"localhost:8082\"],\"public\":[\"GET /health\"]}},\"identities\":{\"orders\":{\"kind\":\"job\"}},"
            + "\"roles\":{\"reader\":{\"allow\":[{\"service\":\"inventory\",\"methods\":[\"GET\"],\"paths\":[\"/items/*\"]}]}},"
            + "\"bindings\":[{\"role\":\"reader\",\"identities\":[\"orders\"]}]}";

    @Property(tries = 1000)
    void arbitraryTextIsParsedOrRejectedWithProblems(@ForAll String text) {
        assertOnlyValidationErrors(text);
    }

    @Property(tries = 1000)
    void tokenSoupIsParsedOrRejectedWithProblems(@ForAll("soup") String text) {
        assertOnlyValidationErrors(text);
    }

    @Property(tries = 1500)
    void mutatedValidDocumentsAreParsedOrRejectedWithProblems(@ForAll("mutated") String text) {
        assertOnlyValidationErrors(text);
    }

    @Provide
    Arbitrary<String> soup() {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> base = Arbitraries.of(TestPolicies.BASE, JSON_BASE);
        Arbitrary<List<Mutation>> mutations = mutation().list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(base, mutations).as((doc, ms) -> {
            String out = doc;
            for (Mutation m : ms) {
                out = m.apply(out);
            }
            return out;
        });
    }

    /** One edit at a relative position (0..1) of the document. */
    private record Mutation(int kind, double at, double length, String fragment) {
        String apply(String doc) {
            int i = (int) (at * doc.length());
            int n = Math.min(doc.length() - i, 1 + (int) (length * 40));
            return switch (kind) {
                case 0 -> doc.substring(0, i) + doc.substring(i + n);
                case 1 -> doc.substring(0, i) + doc.substring(i, i + n) + doc.substring(i);
                default -> doc.substring(0, i) + fragment + doc.substring(i);
            };
        }
    }

    private Arbitrary<Mutation> mutation() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.doubles().between(0, 0.99),
                Arbitraries.doubles().between(0, 1), Arbitraries.of(FRAGMENTS)).as(Mutation::new);
    }

    private static void assertOnlyValidationErrors(String text) {
        try {
            PolicyDocument doc = PolicyParser.parse(text, "fuzz");
            assertThat(doc).isNotNull();
            // A document that parses must also compile: validation promised it is consistent.
            assertThat(CompiledPolicy.compile(doc)).isNotNull();
        } catch (PolicyValidationException e) {
            assertThat(e.problems()).isNotEmpty();
        }
    }
}
