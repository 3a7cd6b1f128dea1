package dev.rolegate.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code credentials}: manages the credentials file; needs a subcommand. */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = "Manages identities' credentials.",
        subcommands = CredentialsAddCommand.class)
final class CredentialsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: credentials add IDENTITY --file FILE");
    }
}
