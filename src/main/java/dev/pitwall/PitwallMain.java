package dev.pitwall;

import dev.pitwall.accounts.TokenCommand;
import dev.pitwall.accounts.UserCommand;
import dev.pitwall.checks.CheckCommand;
import dev.pitwall.cli.ChangeCommand;
import dev.pitwall.cli.ChangesCommand;
import dev.pitwall.cli.IncidentCommand;
import dev.pitwall.cli.PostmortemCommand;
import dev.pitwall.cli.SuspectsCommand;
import dev.pitwall.demo.DemoCommand;
import dev.pitwall.system.ContextLauncher;
import dev.pitwall.system.StartupRefused;
import dev.pitwall.triage.TriageCommand;
import java.lang.reflect.Constructor;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pitwall} command line: the server and everything that talks to one. */
@Command(
        name = "pitwall",
        mixinStandardHelpOptions = true,
        versionProvider = PitwallMain.Version.class,
        description = {"Deploy safety and blameless incident response.", ""},
        subcommands = {
            ServeCommand.class,
            UserCommand.class,
            TokenCommand.class,
            TriageCommand.class,
            IncidentCommand.class,
            CheckCommand.class,
            ChangeCommand.class,
            ChangesCommand.class,
            DemoCommand.class,
            SuspectsCommand.class,
            PostmortemCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Environment:",
            "  PITWALL_PORT               HTTP port of the server (default 8080)",
            "  PITWALL_DATA               data directory for the SQLite database (default ./pitwall-data)",
            "  PITWALL_CONFIG             configuration as code (default ./pitwall.yaml when it exists)",
            "  PITWALL_DATABASE_URL       jdbc:postgresql://host/db to use PostgreSQL instead of SQLite",
            "  PITWALL_DATABASE_USER      PostgreSQL user",
            "  PITWALL_DATABASE_PASSWORD  PostgreSQL password",
            "  PITWALL_DURABILITY         normal (survives a killed process) or full (also power loss)",
            "  PITWALL_ADMIN_PASSWORD     password of the first admin user; generated when unset",
            "  PITWALL_MAX_REQUEST_BODY   largest accepted request body (default 1MB)",
            "  PITWALL_PUBLIC_URL         base of the links in incident notifications",
            "  PITWALL_SMTP_HOST          SMTP server for email notifications (docs/incidents.md)",
            "  PITWALL_BLAMELESS_RULES    extra blameless-review rules for postmortems (docs/postmortems.md)",
            "  PITWALL_SERVER             server that 'change record' and 'changes diff' talk to",
            "  PITWALL_TOKEN              API token for them (ingest to record, read to diff)",
            "",
            "Run 'pitwall COMMAND --help' for the options of a command."
        })
public class PitwallMain implements Runnable, ContextLauncher {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        PitwallMain main = new PitwallMain();
        CommandLine cli = new CommandLine(main, new Factory(main));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpWidth(110);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (StartupRefused.in(e).isPresent()) {
                return 1; // Spring Boot has reported it, with what to change; a stack trace would bury that
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Override
    public ConfigurableApplicationContext startOffline(List<String> springArguments) {
        return new SpringApplicationBuilder(PitwallApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("db-scheduler.enabled=false", "logging.level.root=WARN", "logging.level.dev.pitwall=WARN")
                .run(springArguments.toArray(String[]::new));
    }

    @Override
    public ConfigurableApplicationContext startServer(List<String> springArguments) {
        return new SpringApplicationBuilder(PitwallApplication.class).run(springArguments.toArray(String[]::new));
    }

    /** Hands the context launcher to commands whose constructor asks for one. */
    private record Factory(ContextLauncher launcher) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(ContextLauncher.class);
                constructor.setAccessible(true);
                return constructor.newInstance(launcher);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PitwallMain.class.getPackage().getImplementationVersion();
            return new String[] {"pitwall " + (version == null ? "development build" : version)};
        }
    }
}
