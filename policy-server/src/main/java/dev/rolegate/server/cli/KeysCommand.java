package dev.rolegate.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code keys}: manages the signing keys; needs a subcommand. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manages the server's signing keys.",
        subcommands = KeysRotateCommand.class)
final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: keys rotate");
    }
}
