package io.turnpike.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.turnpike.server.admin.AdminServer;
import io.turnpike.server.admin.PluginAdminEndpoints;
import io.turnpike.server.admin.Readiness;
import io.turnpike.server.config.ConfigBinder;
import io.turnpike.server.config.ConfigException;
import io.turnpike.server.config.GatewayConfig;
import io.turnpike.server.config.LoadedConfig;
import io.turnpike.server.config.ServerConfig;
import io.turnpike.server.http.Listeners;
import io.turnpike.server.plugins.ChainFactory;
import io.turnpike.server.plugins.PluginHost;
import io.turnpike.server.proxy.ProxyHandler;
import io.turnpike.server.proxy.TrustedProxies;
import io.turnpike.server.runtime.GatewayRuntime;
import io.turnpike.server.runtime.RuntimeFactory;

/**
 * A running gateway: the plugin host, the current runtime, the proxy listener and the admin listener.
 * Owns their lifecycle, from start to a drained stop.
 */
public final class Gateway implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(Gateway.class.getName());

    private final PluginHost plugins;
    private final AtomicReference<GatewayRuntime> runtime;
    private final Readiness readiness;
    private final WebServer proxy;
    private final AdminServer admin;
    private final Duration drainTimeout;

    private Gateway(PluginHost plugins, AtomicReference<GatewayRuntime> runtime, Readiness readiness, WebServer proxy,
                    AdminServer admin, Duration drainTimeout) {
        this.plugins = plugins;
        this.runtime = runtime;
        this.readiness = readiness;
        this.proxy = proxy;
        this.admin = admin;
        this.drainTimeout = drainTimeout;
    }

    /**
     * Loads the plugins, builds the runtime and starts both listeners; ready to serve on return.
     *
     * @param loaded a loaded, validated configuration
     * @return the running gateway
     * @throws io.turnpike.server.config.ConfigException when routes or plugin configs are invalid
     */
    public static Gateway start(LoadedConfig loaded) {
        long started = System.nanoTime();
        GatewayConfig config = loaded.config();
        Readiness readiness = new Readiness();
        PluginHost plugins = PluginHost.load(loaded.pluginsDirectory());
        GatewayRuntime runtime;
        PluginAdminEndpoints endpoints;
        try {
            endpoints = pluginAdminEndpoints(plugins, loaded);
            runtime = new RuntimeFactory(new ChainFactory(plugins, new ConfigBinder()))
                    .build(config, loaded.file().getFileName().toString());
        } catch (RuntimeException e) {
            plugins.close();
            throw e;
        }
        AtomicReference<GatewayRuntime> current = new AtomicReference<>(runtime);
        AdminServer admin = null;
        WebServer proxy;
        try {
            admin = AdminServer.start(config.admin(), readiness, runtime, endpoints);
            ProxyHandler handler = new ProxyHandler(current::get, TrustedProxies.of(config.server().trustedProxies()));
            proxy = Listeners.start(proxyServer(config.server(), handler),
                    "proxy listener on " + config.server().host() + ":" + config.server().port());
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.stop();
            }
            runtime.close();
            plugins.close();
            throw e;
        }
        Gateway gateway = new Gateway(plugins, current, readiness, proxy, admin, config.server().drainTimeout());
        readiness.ready();
        LOGGER.log(System.Logger.Level.INFO, () -> String.format(
                "Turnpike ready in %d ms: proxy on %s:%d, admin on %s:%d, %d routes, plugins %s",
                (System.nanoTime() - started) / 1_000_000, config.server().host(), gateway.port(),
                config.admin().host(), gateway.adminPort(), config.routes().size(), plugins.names()));
        return gateway;
    }

    /** Plugins whose admin endpoints overlap would make a purge or a report reach the wrong plugin: refuse to start. */
    private static PluginAdminEndpoints pluginAdminEndpoints(PluginHost plugins, LoadedConfig loaded) {
        List<String> errors = new ArrayList<>();
        PluginAdminEndpoints endpoints = PluginAdminEndpoints.collect(plugins, errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(loaded.file().getFileName().toString(), errors);
        }
        return endpoints;
    }

    private static WebServer proxyServer(ServerConfig server, ProxyHandler handler) {
        return WebServer.builder()
                .host(server.host())
                .port(server.port())
                .shutdownHook(false)
                .shutdownGracePeriod(server.drainTimeout())
                .maxPayloadSize(server.maxBodySize())
                .connectionOptions(options -> options.tcpNoDelay(true))
                .contentEncoding(ContentEncodingContext.builder().contentEncodingsDiscoverServices(false).build())
                .addProtocol(Http1Config.builder()
                        .maxHeadersSize(server.maxHeaderSize())
                        .maxPrologueLength(Math.max(8192, server.maxHeaderSize()))
                        .build())
                .routing(routing -> routing.any(handler))
                .build();
    }

    /** @return the proxy listener's port */
    public int port() {
        return proxy.port();
    }

    /** @return the admin listener's port */
    public int adminPort() {
        return admin.port();
    }

    /** @return the runtime serving now */
    public GatewayRuntime runtime() {
        return runtime.get();
    }

    /**
     * Stops taking new requests, lets the ones in flight finish (up to the drain timeout), then releases
     * everything. Health answers 503 from the first moment.
     */
    @Override
    public void close() {
        readiness.draining();
        LOGGER.log(System.Logger.Level.INFO, () -> "draining: in-flight requests get up to " + drainTimeout);
        proxy.stop();
        runtime.get().close();
        plugins.close();
        admin.stop();
        LOGGER.log(System.Logger.Level.INFO, "stopped");
    }
}
