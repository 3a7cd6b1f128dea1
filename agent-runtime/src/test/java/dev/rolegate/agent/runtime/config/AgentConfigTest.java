package dev.rolegate.agent.runtime.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class AgentConfigTest {
    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private final Properties props = new Properties();

    private AgentConfig parse() {
        props.setProperty("java.io.tmpdir", tmp.toString());
        return AgentConfig.parse(env, props);
    }

    @Test
    void appliesEveryDefaultWhenOnlyTheIdentityIsSet() {
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_SECRET", "s3cret");
        AgentConfig c = parse();
        assertThat(c.errors()).isEmpty();
        assertThat(c.warnings()).isEmpty();
        assertThat(c.active()).isTrue();
        assertThat(c.identity()).isEqualTo("orders");
        assertThat(c.servers()).containsExactly(URI.create("http://localhost:7070"));
        assertThat(c.mode()).isEqualTo(Mode.ENFORCE);
        assertThat(c.cacheDir()).isEqualTo(tmp.resolve("rolegate-orders"));
        assertThat(c.audit()).isEqualTo(AuditTarget.STDOUT);
        assertThat(c.tokenHeader()).isEqualTo("Rolegate-Token");
    }

    @Test
    void systemPropertyOverridesTheEnvironmentVariable() {
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_MODE", "enforce");
        props.setProperty("rolegate.mode", "monitor");
        assertThat(parse().mode()).isEqualTo(Mode.MONITOR);
    }

    @Test
    void unsetIdentityMakesTheAgentInactiveWithOneWarning() {
        AgentConfig c = parse();
        assertThat(c.active()).isFalse();
        assertThat(c.errors()).isEmpty();
        assertThat(c.warnings()).singleElement().asString().contains("ROLEGATE_IDENTITY is not set");
    }

    @Test
    void invalidIdentityIsAnErrorNamingTheVariable() {
        env.put("ROLEGATE_IDENTITY", "Orders!");
        AgentConfig c = parse();
        assertThat(c.active()).isTrue();
        assertThat(c.errors()).singleElement().asString().startsWith("ROLEGATE_IDENTITY=\"Orders!\" is not a valid identity name");
    }

    @Test
    void unknownModeIsOneErrorNamingTheVariableTheValueAndTheConsequence() {
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_MODE", "enforse");
        AgentConfig c = parse();
        assertThat(c.mode()).isNull();
        assertThat(c.errors()).containsExactly("ROLEGATE_MODE=\"enforse\" is not one of enforce, monitor, off;"
                + " inbound calls will be refused (503) until this is fixed");
    }

    @Test
    void badValueFromASystemPropertyNamesTheProperty() {
        env.put("ROLEGATE_IDENTITY", "orders");
        props.setProperty("rolegate.mode", "strict");
        assertThat(parse().errors()).singleElement().asString().startsWith("-Drolegate.mode=\"strict\"");
    }

    @Test
    void modeOffMakesTheAgentInactive() {
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_MODE", " OFF ");
        assertThat(parse().active()).isFalse();
    }

    @Test
    void serverListKeepsItsOrderAndDropsTrailingSlashes() {
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_SERVER", "http://a:7070/, https://b.example:8443 ,http://c/base/");
        assertThat(parse().servers()).containsExactly(URI.create("http://a:7070"), URI.create("https://b.example:8443"),
                URI.create("http://c/base"));
    }

    @Test
    void malformedServerUrlIsAnErrorNamingTheVariable() {
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_SERVER", "http://ok:7070,ftp://files,http//nohost");
        AgentConfig c = parse();
        assertThat(c.errors()).hasSize(2).allSatisfy(e -> assertThat(e).startsWith("ROLEGATE_SERVER entry "));
        assertThat(c.errors().get(0)).contains("\"ftp://files\"");
    }

    @Test
    void serverUrlCarryingCredentialsIsAnError() {
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_SERVER", "http://orders:pw@server:7070");
        assertThat(parse().errors()).singleElement().asString().contains("must not carry credentials");
    }

    @Test
    void secretFileIsPreferredAndLosesOneTrailingNewline() throws IOException {
        Path f = Files.writeString(tmp.resolve("secret"), "from-file \n");
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_SECRET", "from-env");
        env.put("ROLEGATE_SECRET_FILE", f.toString());
        assertThat(parse().secret()).isEqualTo("from-file ");
    }

    @Test
    void unreadableSecretFileIsAnErrorNamingTheVariable() {
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_SECRET_FILE", tmp.resolve("missing").toString());
        assertThat(parse().errors()).singleElement().asString()
                .startsWith("ROLEGATE_SECRET_FILE=").contains("cannot be read").endsWith("until this is fixed");
    }

    @Test
    void keyFileThatIsNotAPemKeyIsAnErrorNamingTheVariable() throws IOException {
        Path f = Files.writeString(tmp.resolve("key.pem"), "hello");
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_SECRET", "s");
        env.put("ROLEGATE_KEY_FILE", f.toString());
        assertThat(parse().errors()).singleElement().asString().startsWith("ROLEGATE_KEY_FILE=").contains("is not a PEM private key");
    }

    @Test
    void unreadableKeyFileIsAnErrorNamingTheVariable() {
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_KEY_FILE", tmp.resolve("nope.pem").toString());
        assertThat(parse().errors()).singleElement().asString().startsWith("ROLEGATE_KEY_FILE=").contains("cannot be read");
    }

    @Test
    void p256KeyFileWinsOverASecretWithAWarningThatTheSecretIsNotUsed() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path f = Files.writeString(tmp.resolve("key.pem"), pem);
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_SECRET", "s");
        env.put("ROLEGATE_KEY_FILE", f.toString());
        AgentConfig c = parse();
        assertThat(c.errors()).isEmpty();
        assertThat(c.warnings()).singleElement().asString().contains("private_key_jwt")
                .contains("does not use the secret");
    }

    @Test
    void p256KeyFileAloneIsAcceptedWithoutWarnings() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_KEY_FILE", Files.writeString(tmp.resolve("key.pem"), pem).toString());
        AgentConfig c = parse();
        assertThat(c.errors()).isEmpty();
        assertThat(c.warnings()).isEmpty();
        assertThat(c.keyFile()).isNotNull();
    }

    @Test
    void p384KeyFileIsAnError() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_KEY_FILE", Files.writeString(tmp.resolve("k.pem"), pem).toString());
        assertThat(parse().errors()).singleElement().asString().contains("not on curve P-256");
    }

    @Test
    void missingCredentialsAreAWarningNotAnError() {
        env.put("ROLEGATE_IDENTITY", "orders");
        AgentConfig c = parse();
        assertThat(c.errors()).isEmpty();
        assertThat(c.warnings()).singleElement().asString().contains("ROLEGATE_SECRET_FILE");
    }

    @Test
    void auditAcceptsStdoutOffOrAFilePath() {
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_AUDIT", "OFF");
        assertThat(parse().audit()).isEqualTo(AuditTarget.OFF);
        env.put("ROLEGATE_AUDIT", tmp.resolve("audit.jsonl").toString());
        assertThat(parse().audit()).isEqualTo(new AuditTarget(AuditTarget.Kind.FILE, tmp.resolve("audit.jsonl")));
    }

    @Test
    void invalidTokenHeaderIsAnErrorNamingTheVariable() {
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_TOKEN_HEADER", "Role Token:");
        assertThat(parse().errors()).singleElement().asString().startsWith("ROLEGATE_TOKEN_HEADER=\"Role Token:\"");
    }

    @Test
    void toStringNeverShowsTheSecret() {
        env.put("ROLEGATE_IDENTITY", "orders");
        env.put("ROLEGATE_SECRET", "very-secret-value");
        assertThat(parse().toString()).doesNotContain("very-secret-value");
    }
}
