package dev.rolegate.agent.runtime.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs every case of Wycheproof's {@code json_web_signature_test.json} through the signature check
 * that tokens and policy bundles share: valid ES256 P-256 cases verify, every invalid case and every
 * other algorithm is rejected, and nothing crashes.
 */
class WycheproofJwsTest {
    private static final Path VECTORS = Path.of("..", "..", "shared", "testdata", "wycheproof", "json_web_signature_test.json");

    @TestFactory
    List<DynamicTest> everyCaseIsDecidedAsWycheproofExpectsForAnEs256OnlyVerifier() throws Exception {
        Path file = locate();
        JsonNode root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            JsonNode keyNode = group.has("public") ? group.get("public") : group.get("private");
            JWK pub = JWK.parse(keyNode.toString()).toPublicJWK();
            JWKSet keys = pub == null ? new JWKSet() : new JWKSet(pub);
            for (JsonNode t : group.get("tests")) {
                String jws = t.get("jws").asText();
                String result = t.get("result").asText();
                String name = "tcId " + t.get("tcId").asInt() + " " + t.get("comment").asText() + " (" + result + ")";
                tests.add(DynamicTest.dynamicTest(name, () -> check(jws, result, keys)));
            }
        }
        assertThat(tests).hasSizeGreaterThan(300);
        return tests;
    }

    private static void check(String jws, String result, JWKSet keys) {
        boolean es256 = "ES256".equals(alg(jws));
        if ("valid".equals(result) && es256) {
            assertThatCode(() -> Es256Jws.verify(jws, keys, null)).doesNotThrowAnyException();
        } else if ("acceptable".equals(result)) {
            assertThatCode(() -> {
                try {
                    Es256Jws.verify(jws, keys, null);
                } catch (JwsRejectedException e) {
                    assertThat(e.getMessage()).isNotBlank();
                }
            }).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> Es256Jws.verify(jws, keys, null)).isInstanceOf(JwsRejectedException.class);
        }
    }

    private static String alg(String jws) {
        try {
            String header = new String(Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))), StandardCharsets.UTF_8);
            JsonNode alg = new ObjectMapper().readTree(header).get("alg");
            return alg == null ? null : alg.asText();
        } catch (Exception e) {
            return null;
        }
    }

    private static Path locate() {
        for (Path p : List.of(VECTORS, Path.of("/work/shared/testdata/wycheproof/json_web_signature_test.json"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("Wycheproof vectors not found at " + VECTORS.toAbsolutePath());
    }
}
