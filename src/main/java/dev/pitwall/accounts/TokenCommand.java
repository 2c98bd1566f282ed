package dev.pitwall.accounts;

import dev.pitwall.system.ContextLauncher;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.ServerOptions;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Manages API tokens directly in the database, for bootstrapping (the server may be running).",
        subcommands = TokenCommand.Create.class)
public class TokenCommand {

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Creates an API token and prints its secret once; only a hash is stored.",
                "Exit codes: 0 created, 2 bad arguments."
            })
    static class Create implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME", description = "What the token is for, e.g. ci-deploys.")
        String name;

        @Option(
                names = "--scope",
                required = true,
                split = ",",
                paramLabel = "SCOPE",
                description = "ingest, read or admin; repeat or separate with commas.")
        List<Scope> scopes;

        @Mixin
        ServerOptions server;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final ContextLauncher launcher;

        Create(ContextLauncher launcher) {
            this.launcher = launcher;
        }

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = launcher.startOffline(server.springArguments())) {
                CreatedToken created =
                        context.getBean(AccountService.class).createToken(name, EnumSet.copyOf(scopes), null);
                spec.commandLine().getOut().println(created.secret());
                spec.commandLine()
                        .getErr()
                        .printf(
                                "Created token '%s' with scope %s. Its secret (above) is shown only once.%n",
                                created.token().name(), created.token().scopeList());
                return 0;
            } catch (InvalidInputException e) {
                spec.commandLine().getErr().println("Refused: " + e.getMessage());
                return 2;
            }
        }
    }
}
