package io.turnpike.server.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.turnpike.server.Gateway;
import io.turnpike.server.config.AdminConfig;
import io.turnpike.server.config.ConfigLoader;
import io.turnpike.server.config.GatewayConfig;
import io.turnpike.server.config.HttpRedirectConfig;
import io.turnpike.server.config.LoadedConfig;
import io.turnpike.server.config.ServerConfig;

/**
 * The real gateway, started from YAML on ephemeral loopback ports with plugins loaded by PF4J from a
 * folder, for integration tests of the server and of plugins.
 */
public final class TestGateway implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Gateway gateway;

    private TestGateway(Gateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Starts a gateway. The YAML's listener ports are replaced by ephemeral ones on 127.0.0.1.
     *
     * @param yaml       a gateway configuration
     * @param pluginsDir the folder of plugin jars (see {@link PluginJars})
     * @param workDir    a folder for the config file
     * @return the running gateway
     */
    public static TestGateway start(String yaml, Path pluginsDir, Path workDir) {
        return start(yaml, pluginsDir, workDir, Map.of());
    }

    /**
     * Starts a gateway whose config's {@code ${NAME}} values come from the given variables.
     *
     * @param yaml        a gateway configuration
     * @param pluginsDir  the folder of plugin jars (see {@link PluginJars})
     * @param workDir     a folder for the config file
     * @param environment the variables {@code ${NAME}} refers to
     * @return the running gateway
     */
    public static TestGateway start(String yaml, Path pluginsDir, Path workDir, Map<String, String> environment) {
        try {
            Path file = workDir.resolve("gateway.yaml");
            Files.writeString(file, yaml);
            ConfigLoader loader = new ConfigLoader(environment, pluginsDir);
            LoadedConfig loaded = loader.load(file);
            GatewayConfig config = loaded.config();
            ServerConfig server = config.server();
            GatewayConfig ephemeral = new GatewayConfig(
                    new ServerConfig("127.0.0.1", 0, server.drainTimeout(), server.maxHeaderSize(), server.maxBodySize(),
                            server.trustedProxies(), server.accessLog(), server.tls(), server.http2(),
                            server.maxConnections(), server.idleTimeout(), server.proxyProtocol(),
                            server.httpRedirect() == null ? null
                                    : new HttpRedirectConfig(0, server.httpRedirect().status())),
                    new AdminConfig("127.0.0.1", 0, config.admin().token(), config.admin().tls()),
                    config.plugins(), config.upstreams(), config.routes(), config.consumers(), config.consumerHeaders(),
                    config.telemetry());
            return new TestGateway(Gateway.start(new LoadedConfig(ephemeral, loaded.file(), loaded.pluginsDirectory()),
                    loader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the gateway itself */
    public Gateway gateway() {
        return gateway;
    }

    /** @return the proxy port */
    public int port() {
        return gateway.port();
    }

    /**
     * A URI on the proxy port.
     *
     * @param pathAndQuery the raw path and query, sent as written
     * @return the URI
     */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    /**
     * A URI on the admin port.
     *
     * @param path the path
     * @return the URI
     */
    public URI adminUri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.adminPort() + path);
    }

    /**
     * Sends a request through the gateway with the JDK client.
     *
     * @param request the request
     * @return the response with its body as text
     */
    public static HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends a request through the gateway with the JDK client.
     *
     * @param request the request
     * @param body    how to take the response's body
     * @param <T>     the body's type
     * @return the response
     */
    public static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return CLIENT.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A GET through the gateway.
     *
     * @param pathAndQuery   the raw path and query
     * @param namesAndValues request headers
     * @return the response
     */
    public HttpResponse<String> get(String pathAndQuery, String... namesAndValues) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30));
        if (namesAndValues.length > 0) {
            request.headers(namesAndValues);
        }
        return send(request.build());
    }

    /**
     * A POST through the gateway.
     *
     * @param pathAndQuery   the raw path and query
     * @param body           the body, sent with its length
     * @param namesAndValues request headers
     * @return the response
     */
    public HttpResponse<String> post(String pathAndQuery, byte[] body, String... namesAndValues) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (namesAndValues.length > 0) {
            request.headers(namesAndValues);
        }
        return send(request.build());
    }

    /**
     * A GET on the admin port.
     *
     * @param path the path, such as {@code /upstreams}
     * @return the response with its body as text
     */
    public HttpResponse<String> adminGet(String path) {
        return send(HttpRequest.newBuilder(adminUri(path)).timeout(Duration.ofSeconds(10)).build());
    }

    /**
     * Adds up a Prometheus series of the admin port's {@code /metrics} (with {@code telemetry.prometheus} on) over
     * the lines that carry a label's value.
     *
     * @param series the series, such as {@code http_server_request_duration_seconds_count}
     * @param label  a label and its value as written there, such as {@code rpc_grpc_status_code="0"}; empty for
     *               every line, as for a series without labels such as {@code http_server_active_requests}
     * @return the sum, 0 when no line matches
     */
    public long metricSum(String series, String label) {
        return adminGet("/metrics").body().lines()
                .filter(line -> (line.startsWith(series + "{") || line.startsWith(series + " ")) && line.contains(label))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /**
     * Asks the gateway to reload its config file, as an operator's {@code POST /reload} does.
     *
     * @return the admin port's answer
     */
    public HttpResponse<String> reload() {
        return send(HttpRequest.newBuilder(adminUri("/reload")).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Override
    public void close() {
        gateway.close();
    }
}
