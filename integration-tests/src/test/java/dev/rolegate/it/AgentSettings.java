package dev.rolegate.it;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment variables (CONTRACT section 2) that give a child JVM's agent its identity. */
public final class AgentSettings {
    private final Map<String, String> env = new LinkedHashMap<>();

    private AgentSettings(String identity, String serverUrl) {
        env.put("ROLEGATE_IDENTITY", identity);
        env.put("ROLEGATE_SERVER", serverUrl);
        env.put("ROLEGATE_MODE", "enforce");
        env.put("ROLEGATE_AUDIT", "off");
    }

    public static AgentSettings as(String identity, String serverUrl) {
        return new AgentSettings(identity, serverUrl);
    }

    public AgentSettings secret(String secret) {
        env.put("ROLEGATE_SECRET", secret);
        return this;
    }

    public AgentSettings secretFile(Path file) {
        env.remove("ROLEGATE_SECRET");
        env.put("ROLEGATE_SECRET_FILE", file.toString());
        return this;
    }

    public AgentSettings audit(Path file) {
        env.put("ROLEGATE_AUDIT", file.toString());
        return this;
    }

    /** A cache directory of the test's own, so that no test sees another's last-known-good policy. */
    public AgentSettings cacheDir(Path dir) {
        env.put("ROLEGATE_CACHE_DIR", dir.toString());
        return this;
    }

    public AgentSettings mode(String mode) {
        env.put("ROLEGATE_MODE", mode);
        return this;
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }
}
