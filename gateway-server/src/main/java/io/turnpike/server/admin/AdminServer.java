package io.turnpike.server.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.ServerResponse;
import io.turnpike.server.config.AdminConfig;
import io.turnpike.server.config.ConfigException;
import io.turnpike.server.config.RouteConfig;
import io.turnpike.server.http.Listeners;
import io.turnpike.server.http.Problems;
import io.turnpike.server.observability.PrometheusMetrics;
import io.turnpike.server.runtime.GatewayRuntime;
import io.turnpike.server.runtime.RouteRuntime;

/**
 * The admin listener, apart from client traffic and on loopback unless configured otherwise:
 * {@code GET /health} for load balancers and orchestrators, {@code GET /routes} and {@code GET /upstreams}
 * for operators. With {@code admin.token}, everything but health asks for it.
 */
public final class AdminServer {

    private static final System.Logger LOGGER = System.getLogger(AdminServer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebServer server;

    private AdminServer(WebServer server) {
        this.server = server;
    }

    /**
     * @param config    where to listen
     * @param readiness the state health reports
     * @param runtime   the runtime serving now, whose routes and upstreams are shown
     * @param plugins   the plugins' own endpoints, mounted after the gateway's
     * @param reloader   what {@code POST /reload} runs
     * @param prometheus  the metrics {@code GET /metrics} serves, when configured
     * @param tls         the listener's TLS, when {@code admin.tls} is set
     * @return the started server
     */
    public static AdminServer start(AdminConfig config, Readiness readiness, Supplier<GatewayRuntime> runtime,
                                    PluginAdminEndpoints plugins, Reloader reloader,
                                    Optional<PrometheusMetrics> prometheus, Optional<Tls> tls) {
        if (config.token() != null && tls.isEmpty() && !isLoopback(config.host())) {
            LOGGER.log(System.Logger.Level.WARNING, () -> "The admin listener on " + config.host() + " is plain HTTP:"
                    + " its token crosses the network readable. Set admin.tls.");
        }
        WebServerConfig.Builder builder = WebServer.builder();
        tls.ifPresent(builder::tls);
        WebServer server = builder
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                .routing(routing -> {
                    if (config.token() != null) {
                        routing.addFilter(new AdminToken(config.token()));
                    } else if (!isLoopback(config.host())) {
                        LOGGER.log(System.Logger.Level.WARNING, () -> "The admin listener on " + config.host()
                                + " asks for no token: whoever reaches port " + config.port()
                                + " can reload the configuration and purge caches. Set admin.token.");
                    }
                    routing.get("/health", (req, res) -> health(readiness, res))
                            .get("/routes", (req, res) -> json(res, 200, routes(runtime.get())))
                            .get("/upstreams", (req, res) -> json(res, 200, UpstreamsView.of(runtime.get())))
                            .post("/reload", (req, res) -> reload(reloader, runtime, res))
                            .get("/metrics", (req, res) -> metrics(prometheus, res));
                    plugins.endpoints().forEach(mounted -> routing.route(Method.create(mounted.endpoint().method()),
                            mounted.endpoint().path(), new PluginEndpointHandler(mounted)));
                })
                .build();
        return new AdminServer(Listeners.start(server, "admin listener on " + config.host() + ":" + config.port()));
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void health(Readiness readiness, ServerResponse res) throws JsonProcessingException {
        Readiness.State state = readiness.state();
        ObjectNode body = JSON.createObjectNode().put("status", state == Readiness.State.READY ? "UP" : state.name());
        json(res, state == Readiness.State.READY ? 200 : 503, body);
    }

    private static void metrics(Optional<PrometheusMetrics> prometheus, ServerResponse res) throws IOException {
        if (prometheus.isEmpty()) {
            AdminResponses.write(Problems.response(404, "Prometheus metrics are off; set telemetry.prometheus.enabled"
                    + " to true to serve them here.", AdminResponses.freshRequestId()), res);
            return;
        }
        res.headers().set(HeaderValues.create("Content-Type", prometheus.get().contentType()));
        res.headers().set(HeaderValues.create("Cache-Control", "no-store"));
        try (OutputStream out = res.outputStream()) {
            prometheus.get().scrape(out);
        }
    }

    private static void reload(Reloader reloader, Supplier<GatewayRuntime> runtime, ServerResponse res)
            throws JsonProcessingException {
        try {
            List<String> restartNeeded = reloader.reload();
            ObjectNode body = JSON.createObjectNode()
                    .put("status", "reloaded")
                    .put("routes", runtime.get().routeList().size());
            restartNeeded.forEach(body.putArray("restart-needed")::add);
            json(res, 200, body);
        } catch (ConfigException e) {
            // RFC 9457 with an extension member: every error, each with its location, as validate prints them.
            ObjectNode body = JSON.createObjectNode()
                    .put("type", "about:blank")
                    .put("title", "Invalid configuration")
                    .put("status", 400)
                    .put("detail", "The configuration was not reloaded; the running one still serves.");
            e.errors().forEach(body.putArray("errors")::add);
            res.status(400);
            res.headers().set(HeaderValues.create("Content-Type", Problems.CONTENT_TYPE));
            res.send(JSON.writeValueAsBytes(body));
        }
    }

    private static ArrayNode routes(GatewayRuntime runtime) {
        ArrayNode routes = JSON.createArrayNode();
        Map<String, RouteRuntime> byId = new LinkedHashMap<>();
        runtime.routeList().forEach(route -> byId.put(route.id(), route));
        for (RouteConfig route : runtime.config().routes()) {
            ObjectNode node = routes.addObject()
                    .put("id", route.id())
                    .put("path", route.match().path())
                    .put("upstream", route.upstream());
            route.match().methods().forEach(node.putArray("methods")::add);
            if (route.match().host() != null) {
                node.put("host", route.match().host());
            }
            if (route.split() != null) {
                ObjectNode split = node.putObject("split").put("by", route.split().by());
                ArrayNode to = split.putArray("to");
                route.split().to().forEach(branch -> {
                    ObjectNode each = to.addObject().put("upstream", branch.upstream()).put("weight", branch.weight());
                    if (!branch.headers().isEmpty()) {
                        branch.headers().forEach(each.putObject("headers")::put);
                    }
                });
            }
            byId.get(route.id()).chain().pluginNamesInOrder().forEach(node.putArray("plugins")::add);
        }
        return routes;
    }

    private static void json(ServerResponse res, int status, Object body) throws JsonProcessingException {
        res.status(status);
        res.headers().set(HeaderValues.create("Content-Type", "application/json"));
        res.headers().set(HeaderValues.create("Cache-Control", "no-store"));
        res.send(JSON.writeValueAsBytes(body));
    }

    /**
     * Serves a renewed certificate to new connections.
     *
     * @param tls the listener's TLS as its files now hold it
     */
    public void reloadTls(Tls tls) {
        if (server.hasTls()) {
            server.reloadTls(tls);
        }
    }

    /** @return the port listened on */
    public int port() {
        return server.port();
    }

    /** Stops listening. */
    public void stop() {
        server.stop();
    }
}
