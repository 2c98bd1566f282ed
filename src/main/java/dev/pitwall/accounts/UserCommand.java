package dev.pitwall.accounts;

import dev.pitwall.system.ConflictException;
import dev.pitwall.system.ContextLauncher;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.ServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        description = "Manages users directly in the database, for bootstrapping (the server may be running).",
        subcommands = UserCommand.Create.class)
public class UserCommand {

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Creates a user. Without --password-stdin a password is generated and printed once.",
                "Exit codes: 0 created, 1 name taken, 2 bad arguments."
            })
    static class Create implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME", description = "Username.")
        String username;

        @Option(
                names = "--role",
                defaultValue = "responder",
                description = "responder or admin (default: ${DEFAULT-VALUE}).")
        Role role;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordFromStdin;

        @Mixin
        ServerOptions server;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final ContextLauncher launcher;

        Create(ContextLauncher launcher) {
            this.launcher = launcher;
        }

        @Override
        public Integer call() throws IOException {
            String password = passwordFromStdin ? readLine() : AdminBootstrap.generatePassword();
            try (ConfigurableApplicationContext context = launcher.startOffline(server.springArguments())) {
                User user = context.getBean(AccountService.class).createUser(username, password, role);
                spec.commandLine()
                        .getOut()
                        .printf("Created %s '%s'.%n", user.role().name().toLowerCase(), user.username());
                if (!passwordFromStdin) {
                    spec.commandLine().getOut().printf("Password (shown once): %s%n", password);
                }
                return 0;
            } catch (InvalidInputException e) {
                spec.commandLine().getErr().println("Refused: " + e.getMessage());
                return 2;
            } catch (ConflictException e) {
                spec.commandLine().getErr().println("Refused: " + e.getMessage());
                return 1;
            }
        }

        private static String readLine() throws IOException {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        }
    }
}
