package io.turnpike.server.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.helidon.webserver.WebServer;
import io.turnpike.server.Gateway;
import io.turnpike.server.config.ConfigException;
import io.turnpike.server.config.ConfigLoader;
import io.turnpike.server.demo.BenchUpstream;
import io.turnpike.server.demo.DemoUpstream;
import io.turnpike.server.runtime.CompleteConfigCheck;

/**
 * The command line: {@code run}, {@code validate}, {@code demo-upstream}, and the benchmark's helpers
 * {@code bench-upstream} and {@code aot-cache}.
 */
public final class Main {

    static final int OK = 0;
    static final int INVALID_CONFIG = 1;
    static final int USAGE = 2;
    static final int START_FAILED = 3;

    private static final String USAGE_TEXT = """
            usage: gateway <command> [options]
              run [--config FILE] [--with-demo-upstream]
                                             start the gateway (default config: conf/gateway.yaml),
                                             optionally with the demo echo service on 127.0.0.1:9001
              validate [--config FILE]       check a config; print every error, or the route table
              demo-upstream [--port PORT]    start the demo echo service (default port 9001;
                                             --port also moves the one run --with-demo-upstream starts)
              bench-upstream [--port PORT] [--body-bytes N]
                                             start a fixed-answer service for load tests (default port
                                             9001, a ~100-byte JSON answer)
              aot-cache                      run the gateway once on loopback, for bin/gateway to record
                                             its start-up cache (lib/turnpike.aot, JDK 25+)
            """;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(List.of(args), System.out, System.err);
        if (status != OK) {
            System.exit(status);
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            (args.isEmpty() ? err : out).print(USAGE_TEXT);
            return args.isEmpty() ? USAGE : OK;
        }
        Options options;
        try {
            options = Options.parse(args.subList(1, args.size()));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        return switch (args.getFirst()) {
            case "run" -> serve(options, err);
            case "validate" -> Validate.run(loader(), options.config(), out, err);
            case "demo-upstream" -> serveUntilStopped("demo upstream", () -> DemoUpstream.start(options.port()), out, err);
            case "bench-upstream" -> serveUntilStopped("bench upstream", () -> options.bodyBytes() == 0
                    ? BenchUpstream.start(options.port())
                    : BenchUpstream.start(options.port(), options.bodyBytes()), out, err);
            case "aot-cache" -> StartupTraining.run(loader(), home().resolve("plugins"), out, err);
            default -> {
                err.println("unknown command: " + args.getFirst());
                err.print(USAGE_TEXT);
                yield USAGE;
            }
        };
    }

    private static int serve(Options options, PrintStream err) {
        // The handler is in place before anything listens, so a stop signal is never missed; the drain
        // itself runs on this thread once start-up has finished.
        CountDownLatch stopRequested = new CountDownLatch(1);
        AtomicReference<Gateway> running = new AtomicReference<>();
        Signals.onTermination(stopRequested::countDown, () -> {
            Gateway started = running.get();
            if (started != null) {
                started.hurry();
            }
        });
        // Likewise SIGHUP, which would otherwise stop the JVM: one that comes during start-up reloads right after it.
        PendingReload<Gateway> reloads = new PendingReload<>(gateway -> reload(gateway, err));
        Signals.onReload(reloads::requested);
        Preinitializer.start();
        WebServer demo = null;
        Gateway gateway;
        try {
            demo = options.withDemoUpstream() ? DemoUpstream.start(options.port()) : null;
            ConfigLoader loader = loader();
            gateway = Gateway.start(CompleteConfigCheck.load(loader, options.config()), loader);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            stop(demo);
            return INVALID_CONFIG;
        } catch (RuntimeException e) {
            err.println("Turnpike could not start: " + e.getMessage());
            stop(demo);
            return START_FAILED;
        }
        reloads.started(gateway);
        running.set(gateway);
        awaitUninterruptibly(stopRequested);
        gateway.close();
        stop(demo);
        return OK;
    }

    private static int serveUntilStopped(String what, Supplier<WebServer> start, PrintStream out, PrintStream err) {
        CountDownLatch stopRequested = new CountDownLatch(1);
        // nothing drains here, so nothing to hurry
        Signals.onTermination(stopRequested::countDown, () -> { });
        WebServer server;
        try {
            server = start.get();
        } catch (RuntimeException e) {
            err.println("The " + what + " could not start: " + e.getMessage());
            return START_FAILED;
        }
        out.println(what + " listening on http://127.0.0.1:" + server.port());
        awaitUninterruptibly(stopRequested);
        server.stop();
        return OK;
    }

    /** SIGHUP: a refused file is reported and the running configuration keeps serving. */
    private static void reload(Gateway gateway, PrintStream err) {
        try {
            gateway.reload();
        } catch (ConfigException e) {
            err.println("Reload refused; the running configuration still serves:");
            err.println(e.getMessage());
        } catch (RuntimeException e) {
            err.println("Reload failed; the running configuration still serves: " + e);
        }
    }

    private static void stop(WebServer server) {
        if (server != null) {
            server.stop();
        }
    }

    private static ConfigLoader loader() {
        return new ConfigLoader(System.getenv(), home().resolve("plugins"));
    }

    /** The distribution's folder, set by bin/gateway; the working directory otherwise. */
    static Path home() {
        String home = System.getProperty("turnpike.home");
        return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // Only the stop signal ends the wait.
            }
        }
    }

    /** The options every command shares; {@code bodyBytes} 0 means the bench upstream's fixed answer. */
    record Options(Path config, int port, boolean withDemoUpstream, int bodyBytes) {

        static Options parse(List<String> args) {
            Path config = home().resolve("conf/gateway.yaml");
            int port = 9001;
            boolean withDemoUpstream = false;
            int bodyBytes = 0;
            Iterator<String> it = args.iterator();
            while (it.hasNext()) {
                String arg = it.next();
                switch (arg) {
                    case "--config", "-c" -> config = Path.of(value(arg, it));
                    case "--with-demo-upstream" -> withDemoUpstream = true;
                    case "--port" -> port = number(arg, value(arg, it));
                    case "--body-bytes" -> {
                        bodyBytes = number(arg, value(arg, it));
                        if (bodyBytes < BenchUpstream.MIN_BODY_BYTES) {
                            throw new IllegalArgumentException("--body-bytes must be at least " + BenchUpstream.MIN_BODY_BYTES);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option: " + arg
                            + (arg.startsWith("-") ? "" : " (options are " + Arrays.asList("--config", "--port", "--with-demo-upstream", "--body-bytes") + ")"));
                }
            }
            return new Options(config, port, withDemoUpstream, bodyBytes);
        }

        private static int number(String option, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, got " + value);
            }
        }

        private static String value(String option, Iterator<String> it) {
            if (!it.hasNext()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return it.next();
        }
    }
}
