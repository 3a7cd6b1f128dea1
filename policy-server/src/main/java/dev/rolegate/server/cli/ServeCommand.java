package dev.rolegate.server.cli;

import dev.rolegate.server.RolegateServer;
import dev.rolegate.server.StartupException;
import dev.rolegate.server.config.ConfigException;
import dev.rolegate.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code serve}: runs the policy server until the process is stopped. Configured by environment (CONTRACT.md section 7). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the policy server (the default command).",
                "Settings: ROLEGATE_PORT, ROLEGATE_BIND, ROLEGATE_POLICY, ROLEGATE_CREDENTIALS, ROLEGATE_DATA_DIR,",
                "ROLEGATE_ADMIN_SECRET(_FILE), ROLEGATE_TOKEN_TTL, ROLEGATE_ISSUER; system properties rolegate.port etc. override."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment();
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        RolegateServer server;
        try {
            server = RolegateServer.start(config);
        } catch (StartupException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "rolegate-shutdown"));
        server.awaitClose();
        return 0;
    }
}
