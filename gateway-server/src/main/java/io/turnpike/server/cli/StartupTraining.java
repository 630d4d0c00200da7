package io.turnpike.server.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import io.turnpike.server.Gateway;
import io.turnpike.server.config.ConfigException;
import io.turnpike.server.config.ConfigLoader;
import io.turnpike.server.config.LoadedConfig;
import io.turnpike.server.demo.BenchUpstream;

/**
 * The workload of {@code bin/gateway aot-cache}: the gateway started once on loopback ports, with every
 * plugin jar of the distribution loaded, in front of the bench upstream; a few hundred requests through it
 * and to its admin port; then a drained stop.
 *
 * <p>{@code bin/gateway} runs this under {@code -XX:AOTCacheOutput} (JDK 25+), so the JVM records the
 * classes this loaded and linked, and the methods it found hot, into {@code lib/turnpike.aot}; later starts
 * map them instead of loading, verifying and profiling them again. Classes loaded by plugin class loaders
 * are not recorded (the JDK caches only its built-in loaders' classes), so no plugin needs a route here.
 */
final class StartupTraining {

    static final int REQUESTS = 400;

    private StartupTraining() {
    }

    /**
     * @return {@link Main#OK} when every request got the answer expected, so that a broken run fails loudly
     */
    static int run(ConfigLoader loader, Path pluginsDirectory, PrintStream out, PrintStream err) {
        WebServer upstream = BenchUpstream.start(0);
        try {
            LoadedConfig config = loader.load(config(upstream.port(), pluginsDirectory), pluginsDirectory);
            try (Gateway gateway = Gateway.start(config, loader)) {
                int failed = exercise(gateway);
                if (failed > 0) {
                    err.println("start-up training: " + failed + " of " + REQUESTS + " requests failed");
                    return Main.INVALID_CONFIG;
                }
            }
            out.println("start-up training: served " + REQUESTS + " requests through the gateway");
            return Main.OK;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return Main.INVALID_CONFIG;
        } finally {
            upstream.stop();
        }
    }

    /** The access log is off: its few hundred lines would bury the recording's one line of output. */
    private static String config(int upstreamPort, Path pluginsDirectory) {
        return """
                server: {host: 127.0.0.1, port: 0, access-log: {enabled: false}}
                admin: {host: 127.0.0.1, port: 0}
                plugins: {directory: "%s"}
                upstreams:
                  bench:
                    targets:
                      - url: http://127.0.0.1:%d
                routes:
                  - id: training
                    match: {path: /train/**}
                    upstream: bench
                    strip-prefix: /train
                """.formatted(pluginsDirectory.toAbsolutePath().toString().replace("\\", "/"), upstreamPort);
    }

    /** The ordinary request paths: GETs, POSTs with a body, a 404, and the health check. */
    private static int exercise(Gateway gateway) {
        WebClient proxy = WebClient.builder().baseUri("http://127.0.0.1:" + gateway.port()).build();
        WebClient admin = WebClient.builder().baseUri("http://127.0.0.1:" + gateway.adminPort()).build();
        int failed = 0;
        for (int i = 0; i < REQUESTS; i++) {
            int expected = 200;
            HttpClientResponse response = switch (i % 8) {
                case 0 -> admin.get("/health").request();
                case 1 -> proxy.post("/train/items").submit("{\"n\":" + i + "}");
                case 2 -> {
                    expected = 404;
                    yield proxy.get("/elsewhere/" + i).request();
                }
                default -> proxy.get("/train/items/" + i).queryParam("q", "x").request();
            };
            try (response) {
                response.entity().consume();
                if (response.status().code() != expected) {
                    failed++;
                }
            }
        }
        proxy.closeResource();
        admin.closeResource();
        return failed;
    }
}
