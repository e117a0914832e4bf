package io.userservice.app;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code completion}: prints the bash (and zsh) completion script of this command line, the same
 * script the build writes to {@code app/target/user-service-completion.bash}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Prints the bash/zsh completion script: source <(java -jar user-service.jar completion)")
final class CompletionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("user-service", spec.root().commandLine()));
        return Cli.OK;
    }
}
