package dev.rolegate.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code java -jar rolegate-server.jar [command]}: the policy server and its tools (CONTRACT.md
 * section 7). Without a command it serves. Exit codes: 0 success, 1 a negative answer or invalid
 * input file, 2 a usage or configuration error.
 */
@Command(name = "rolegate-server",
        mixinStandardHelpOptions = true,
        versionProvider = RolegateCli.Version.class,
        description = "Rolegate policy server and tools. Without a command: serve.",
        subcommands = {ServeCommand.class, ValidateCommand.class, CanICommand.class, CredentialsCommand.class,
                TestCommand.class, KeysCommand.class, AuditCommand.class},
        exitCodeOnInvalidInput = 2,
        exitCodeOnExecutionException = 1)
public final class RolegateCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line with the given output streams and returns the exit code; for tests too. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new RolegateCli());
        cmd.setOut(out);
        cmd.setErr(err);
        // One line, not a stack trace, for anything a command did not handle itself.
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + ex.getMessage());
            return 1;
        });
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() throws Exception {
        ServeCommand serve = spec.subcommands().get("serve").getCommand();
        return serve.call();
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RolegateCli.class.getPackage().getImplementationVersion();
            return new String[] {"rolegate-server " + (v == null ? "(development build)" : v)};
        }
    }
}
