package dev.pitwall;

import dev.pitwall.system.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Runs the Pitwall server: web UI, HTTP API and intake endpoints.", ""},
        footer = {
            "",
            "Every setting also has an environment variable (see 'pitwall --help'); options win.",
            "Further Spring Boot properties can be given as --name=value, e.g. --logging.level.dev.pitwall=DEBUG."
        })
class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (env PITWALL_PORT, default 8080).")
    Integer port;

    @Mixin
    ServerOptions server;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Unmatched
    List<String> springProperties = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        List<String> args = new ArrayList<>(server.springArguments());
        if (port != null) {
            args.add("--server.port=" + port);
        }
        for (String property : springProperties) {
            if (!property.matches("--[A-Za-z][\\w.\\[\\]-]*=.*")) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "Unknown option '" + property + "'; see 'pitwall serve --help'");
            }
            args.add(property);
        }
        CountDownLatch closed = new CountDownLatch(1);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PitwallApplication.class)
                .listeners(event -> {
                    if (event instanceof ContextClosedEvent) {
                        closed.countDown();
                    }
                })
                .run(args.toArray(String[]::new));
        if (context.isActive()) {
            closed.await();
        }
        return 0;
    }
}
