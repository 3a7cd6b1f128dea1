package dev.rolegate.agent.runtime.server;

import dev.rolegate.agent.runtime.Log;
import dev.rolegate.agent.runtime.config.AgentConfig;

import java.io.IOException;

/** Builds the policy server client with the configured client authentication. */
public final class ServerClients {
    private ServerClients() {
    }

    /**
     * With {@code ROLEGATE_KEY_FILE}, {@code private_key_jwt} (the secret, if any, is not used);
     * else {@code client_secret_basic}. An unreadable key (already reported by the configuration
     * check) leaves the client without credentials: tokens are then refused, never sent unsigned.
     */
    public static PolicyServerClient create(AgentConfig config) {
        if (config.keyFile() != null) {
            try {
                return new PolicyServerClient(config.servers(), config.identity(), null,
                        ClientAssertions.load(config.keyFile(), config.identity()));
            } catch (IOException e) {
                Log.line("ERROR cannot use ROLEGATE_KEY_FILE " + config.keyFile() + " (" + e.getMessage()
                        + "); the agent has no client credentials");
                return new PolicyServerClient(config.servers(), config.identity(), null);
            }
        }
        return new PolicyServerClient(config.servers(), config.identity(), config.secret());
    }
}
