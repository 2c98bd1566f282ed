package dev.pitwall.demo;

import dev.pitwall.accounts.AccountService;
import dev.pitwall.accounts.Scope;
import dev.pitwall.system.ContextLauncher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Everything the demo runs in one process: the real Pitwall server (its web server, SQLite
 * database, scheduler and checks) on a fresh data directory, the sample Proposals app, and the
 * webhook receiver that stands in for the on-call team's bridge.
 */
final class Demo implements AutoCloseable {

    /** Marks a directory as the demo's own, so that the demo never wipes anything else. */
    static final String MARKER = ".pitwall-demo";

    /**
     * How to run it.
     *
     * @param port Pitwall's HTTP port; 0 picks a free one
     * @param adminPassword the password of {@code admin}; generated when null or blank
     * @param springProperties further {@code --name=value} properties for the server
     */
    record Options(Path dataDirectory, int port, String adminPassword, List<String> springProperties) {}

    private final Path dataDirectory;
    private final int port;
    private final String adminPassword;
    private final ProposalsApp app;
    private final String appPassword;
    private final WebhookSink sink;
    private final String sinkSecret;
    private ConfigurableApplicationContext context;

    private Demo(
            Path dataDirectory,
            int port,
            String adminPassword,
            ProposalsApp app,
            String appPassword,
            WebhookSink sink,
            String sinkSecret) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.adminPassword = adminPassword;
        this.app = app;
        this.appPassword = appPassword;
        this.sink = sink;
        this.sinkSecret = sinkSecret;
    }

    /** Wipes the data directory, starts the sample app, the webhook receiver and Pitwall. */
    static Demo start(Options options, ContextLauncher launcher) throws IOException {
        Path data = options.dataDirectory().toAbsolutePath().normalize();
        wipe(data);
        String adminPassword =
                options.adminPassword() == null || options.adminPassword().isBlank()
                        ? secret()
                        : options.adminPassword();
        String appPassword = secret();
        String sinkSecret = secret();
        int port = options.port() == 0 ? freePort() : options.port();
        if (!available(port)) {
            throw new DemoApi.DemoFailed("port " + port + " is in use (is `pitwall serve` running?); choose another"
                    + " with --port, or --port 0 for any free one");
        }
        Demo demo = new Demo(
                data,
                port,
                adminPassword,
                ProposalsApp.start(0, appPassword),
                appPassword,
                WebhookSink.start(sinkSecret),
                sinkSecret);
        try {
            demo.startPitwall(launcher, options.springProperties());
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    private void startPitwall(ContextLauncher launcher, List<String> springProperties) throws IOException {
        Path config = configFile();
        Files.writeString(config, "# Checks are added here by the demo once their secret is stored.\nchecks: []\n");
        List<String> args = new ArrayList<>(List.of(
                "--pitwall.data-dir=" + dataDirectory,
                // the demo is the story on SQLite, whatever PITWALL_DATABASE_URL says
                "--pitwall.database.url=",
                "--pitwall.config-file=" + config,
                "--pitwall.admin-password=" + adminPassword,
                "--server.port=" + port,
                "--logging.file.name=" + dataDirectory.resolve("pitwall.log"),
                "--logging.threshold.console=ERROR"));
        args.addAll(springProperties);
        context = launcher.startServer(args);
    }

    /** Runs the story against the started parts. */
    NightReport replay(Narrator narrator) {
        // the token the demo's own setup works with, made as `pitwall token create` makes it
        String setupToken = context.getBean(AccountService.class)
                .createToken("demo-setup", EnumSet.of(Scope.ADMIN, Scope.READ, Scope.INGEST), null)
                .secret();
        NightReplay.Setting setting = new NightReplay.Setting(
                apiUrl(),
                setupToken,
                app,
                appPassword,
                sink,
                sinkSecret,
                dataDirectory,
                configFile(),
                context.getBean(Clock.class));
        return new NightReplay(setting, narrator).run();
    }

    /** Where a person opens Pitwall. */
    String url() {
        return "http://localhost:" + port;
    }

    /** Where the demo itself calls the API (loopback, whatever localhost resolves to). */
    String apiUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    String adminPassword() {
        return adminPassword;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    ProposalsApp app() {
        return app;
    }

    WebhookSink sink() {
        return sink;
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    private Path configFile() {
        return dataDirectory.resolve("pitwall.yaml");
    }

    /**
     * Empties the data directory of an earlier demo. A directory that holds anything and was not
     * made by the demo is left alone: wiping someone's real data by a mistyped path is not a demo.
     */
    static void wipe(Path data) throws IOException {
        if (Files.exists(data)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(data)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !Files.exists(data.resolve(MARKER))) {
                throw new DemoApi.DemoFailed(data + " exists and was not made by the demo (no " + MARKER
                        + " in it); remove it or choose another directory with --data");
            }
            try (Stream<Path> paths = Files.walk(data)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    if (!path.equals(data)) {
                        Files.delete(path);
                    }
                }
            }
        }
        Files.createDirectories(data);
        Files.writeString(
                data.resolve(MARKER), "Made by `pitwall demo`, which empties this directory each time it starts.\n");
    }

    private static boolean available(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String secret() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        try {
            if (context != null) {
                context.close();
            }
        } finally {
            app.close();
            sink.close();
        }
    }
}
