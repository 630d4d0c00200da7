package io.turnpike.server;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

import io.helidon.common.tls.Tls;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http2.Http2Config;
import io.turnpike.server.admin.AdminServer;
import io.turnpike.server.admin.PluginAdminEndpoints;
import io.turnpike.server.admin.Readiness;
import io.turnpike.server.config.ConfigBinder;
import io.turnpike.server.config.ConfigException;
import io.turnpike.server.config.ConfigLoader;
import io.turnpike.server.config.GatewayConfig;
import io.turnpike.server.config.HttpRedirectConfig;
import io.turnpike.server.config.LoadedConfig;
import io.turnpike.server.config.PluginsConfig;
import io.turnpike.server.config.ServerConfig;
import io.turnpike.server.http.HttpsRedirect;
import io.turnpike.server.http.Listeners;
import io.turnpike.server.observability.Observability;
import io.turnpike.server.observability.PluginMeters;
import io.turnpike.server.plugins.ChainFactory;
import io.turnpike.server.plugins.PluginHost;
import io.turnpike.server.proxy.ProxyHandler;
import io.turnpike.server.proxy.RequestsUnderWay;
import io.turnpike.server.proxy.TrustedProxies;
import io.turnpike.server.proxy.WebSocketTunnels;
import io.turnpike.server.runtime.CompleteConfigCheck;
import io.turnpike.server.runtime.CurrentRuntime;
import io.turnpike.server.runtime.GatewayRuntime;
import io.turnpike.server.runtime.RuntimeFactory;
import io.turnpike.server.runtime.UpstreamPools;

/**
 * A running gateway: the plugin host, the current runtime, the proxy listener and the admin listener.
 * Owns their lifecycle, from start through reloads to a drained stop.
 */
public final class Gateway implements AutoCloseable {

    /** HTTP/2's default flow-control window (RFC 9113 section 6.9.2). */
    private static final int INITIAL_WINDOW_SIZE = 65_535;

    private static final System.Logger LOGGER = System.getLogger(Gateway.class.getName());
    /** Helidon's own period for its idle-connection check. */
    private static final Duration IDLE_CHECK = Duration.ofMinutes(2);
    /** How long the requests cut at the end of the drain timeout have to unwind before the stop goes on. */
    private static final Duration AFTER_CUT = Duration.ofMillis(500);
    /** How often a stop that waits for the listener checks whether it was asked to hurry. */
    private static final Duration HURRY_CHECK = Duration.ofMillis(50);

    private final ConfigLoader loader;
    private final LoadedConfig started;
    /** Replaced on reload when new jars were loaded; only a reload (synchronized) writes it. */
    private volatile PluginHost plugins;
    private final CurrentRuntime runtime;
    private final Readiness readiness;
    private final WebServer proxy;
    /** The upstream pools of the runtimes in service: a reload takes over those of the upstreams it leaves alone. */
    private final UpstreamPools upstreamPools;
    /** The plain-HTTP listener that redirects to the proxy's HTTPS, when {@code server.http-redirect} asks for one. */
    private final Optional<WebServer> redirect;
    private final RequestsUnderWay underWay;
    private final AdminServer admin;
    private final Observability observability;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** When the stop under way must have ended, in {@link System#nanoTime()}'s terms; {@link #hurry()} brings it in. */
    private volatile long deadline;
    private volatile boolean hurryAsked;

    private Gateway(ConfigLoader loader, LoadedConfig started, PluginHost plugins, CurrentRuntime runtime,
                    UpstreamPools upstreamPools, Readiness readiness, WebServer proxy, Optional<WebServer> redirect, RequestsUnderWay underWay,
                    AdminServer admin, Observability observability) {
        this.loader = loader;
        this.started = started;
        this.plugins = plugins;
        this.runtime = runtime;
        this.upstreamPools = upstreamPools;
        this.readiness = readiness;
        this.proxy = proxy;
        this.redirect = redirect;
        this.underWay = underWay;
        this.admin = admin;
        this.observability = observability;
    }

    /**
     * Loads the plugins, builds the runtime and starts both listeners; ready to serve on return.
     *
     * @param loaded a loaded, validated configuration
     * @param loader how to load the same file again on reload
     * @return the running gateway
     * @throws io.turnpike.server.config.ConfigException when routes or plugin configs are invalid
     * @throws IllegalStateException when a listener cannot start
     */
    public static Gateway start(LoadedConfig loaded, ConfigLoader loader) {
        long startedAt = System.nanoTime();
        GatewayConfig config = loaded.config();
        Readiness readiness = new Readiness();
        PluginHost plugins = PluginHost.load(loaded.pluginsDirectory());
        RequestsUnderWay underWay = new RequestsUnderWay();
        UpstreamPools pools = new UpstreamPools();
        CurrentRuntime current;
        PluginAdminEndpoints endpoints;
        Observability observability = null;
        try {
            // before the first runtime: its plugins ask for their counters when their filters are made
            observability = Observability.start(config, underWay::count);
            endpoints = pluginAdminEndpoints(plugins, loaded);
            current = new CurrentRuntime(build(plugins, config, loaded, observability.pluginMeters(), pools));
            CurrentRuntime serving = current;
            observability.observeTargets(() -> serving.get().targetStates());
        } catch (RuntimeException e) {
            plugins.close();
            if (observability != null) {
                observability.close();
            }
            throw e;
        }
        // The admin API reloads through the gateway, which exists only once both listeners are up.
        AtomicReference<Gateway> self = new AtomicReference<>();
        AdminServer admin = null;
        WebServer proxy = null;
        Optional<WebServer> redirect;
        try {
            admin = AdminServer.start(config.admin(), readiness, current::get, endpoints, () -> self.get().reload(),
                    observability.prometheus(), current.get().adminTls());
            ProxyHandler handler = new ProxyHandler(current, TrustedProxies.of(config.server().trustedProxies()),
                    observability.observer(), observability.tracing(), underWay);
            proxy = Listeners.start(proxyServer(config.server(), handler, current.get().listenerTls()),
                    "proxy listener on " + config.server().host() + ":" + config.server().port());
            WebServer https = proxy;
            redirect = Optional.ofNullable(config.server().httpRedirect()).map(settings -> Listeners.start(
                    redirectServer(config.server(), settings, https::port),
                    "HTTP redirect listener on " + config.server().host() + ":" + settings.port()));
        } catch (RuntimeException e) {
            if (proxy != null) {
                proxy.stop();
            }
            if (admin != null) {
                admin.stop();
            }
            current.retire();
            plugins.close();
            if (observability != null) {
                observability.close();
            }
            throw e;
        }
        Gateway gateway = new Gateway(loader, loaded, plugins, current, pools, readiness, proxy, redirect, underWay,
                admin, observability);
        self.set(gateway);
        readiness.ready();
        LOGGER.log(System.Logger.Level.INFO, () -> String.format(
                "Turnpike ready in %d ms: proxy on %s:%d, admin on %s:%d, %d routes, plugins %s",
                (System.nanoTime() - startedAt) / 1_000_000, config.server().host(), gateway.port(),
                config.admin().host(), gateway.adminPort(), config.routes().size(), plugins.names()));
        return gateway;
    }

    private static GatewayRuntime build(PluginHost plugins, GatewayConfig config, LoadedConfig loaded,
                                        PluginMeters meters, UpstreamPools pools) {
        // A binder per build: Jackson caches the config classes it has seen, which must not outlive a runtime.
        return new RuntimeFactory(new ChainFactory(plugins, new ConfigBinder(loaded.file().getParent()), meters), pools)
                .build(config, loaded.file());
    }

    /**
     * Reads the configuration file again and, when it is valid, serves it: routes, upstreams and consumers
     * change at once for new requests, while requests in flight finish on the runtime they started with.
     * Jars added to the plugins folder since are loaded first, so the file may use their plugins. The
     * listeners, the plugins folder itself and jars already loaded are fixed at start; changes there are
     * reported, not applied.
     *
     * @return the sections whose changes need a restart
     * @throws io.turnpike.server.config.ConfigException listing every error; the running configuration stays
     */
    public synchronized List<String> reload() {
        // Kept whatever the file holds: the new jars' plugins are loaded in the plugin manager from now on.
        PluginHost.Refresh refresh;
        try {
            refresh = plugins.refresh();
        } catch (UncheckedIOException e) {
            // the folder cannot be listed now: the plugins loaded go on, and the file is checked against them
            LOGGER.log(System.Logger.Level.WARNING, () -> "Reload: " + e.getMessage() + "; no new plugin jar loaded");
            refresh = new PluginHost.Refresh(plugins, List.of());
        }
        plugins = refresh.host();
        LoadedConfig reloaded = CompleteConfigCheck.load(loader, started.file(), plugins);
        GatewayConfig running = runtime.get().config();
        GatewayConfig file = reloaded.config();
        List<String> restartNeeded = new ArrayList<>();
        GatewayConfig fileAtStart = started.config();
        if (!file.server().equals(fileAtStart.server())) {
            restartNeeded.add("server");
        }
        if (!file.admin().equals(fileAtStart.admin())) {
            restartNeeded.add("admin");
        }
        if (!reloaded.pluginsDirectory().equals(started.pluginsDirectory()) || !refresh.changed().isEmpty()) {
            restartNeeded.add("plugins");
            refresh.changed().forEach(jar -> LOGGER.log(System.Logger.Level.WARNING, () -> "Plugin jar " + jar
                    + " changed or went since it was loaded; the loaded one serves until a restart"));
        }
        if (!file.telemetry().equals(fileAtStart.telemetry())) {
            restartNeeded.add("telemetry");
        }
        // the plugins folder is fixed at start; the plugins every route runs are the file's, as its routes are
        PluginsConfig pluginSettings = new PluginsConfig(running.plugins().directory(), file.plugins().global());
        GatewayConfig next = new GatewayConfig(running.server(), running.admin(), pluginSettings,
                file.upstreams(), file.routes(), file.consumers(), file.consumerHeaders(), running.telemetry());
        GatewayRuntime built = build(plugins, next, reloaded, observability.pluginMeters(), upstreamPools);
        runtime.replace(built);
        // The certificate files were read again: a renewed certificate serves new connections from now on.
        // Turning TLS on or off changes the listener itself, which "server" in restart-needed says.
        if (proxy.hasTls()) {
            built.listenerTls().ifPresent(proxy::reloadTls);
        }
        built.adminTls().ifPresent(admin::reloadTls);
        LOGGER.log(System.Logger.Level.INFO, () -> "reloaded " + started.file() + ": " + next.routes().size() + " routes"
                + (restartNeeded.isEmpty() ? "" : "; changes to " + restartNeeded + " take effect at the next start"));
        return List.copyOf(restartNeeded);
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

    private static WebServer proxyServer(ServerConfig server, ProxyHandler handler, Optional<Tls> tls) {
        WebServerConfig.Builder builder = WebServer.builder();
        tls.ifPresent(builder::tls);
        return builder
                .host(server.host())
                .port(server.port())
                .shutdownHook(false)
                .shutdownGracePeriod(server.drainTimeout())
                .maxPayloadSize(server.maxBodySize())
                .maxTcpConnections(server.maxConnections())
                .idleConnectionTimeout(server.idleTimeout())
                // Helidon reads the header, v1 or v2, and refuses a connection without one
                .enableProxyProtocol(server.proxyProtocol())
                // checked at least as often as the timeout, so a connection is closed within twice it
                .idleConnectionPeriod(server.idleTimeout().compareTo(IDLE_CHECK) < 0 ? server.idleTimeout() : IDLE_CHECK)
                .connectionOptions(options -> options.tcpNoDelay(true))
                .contentEncoding(ContentEncodingContext.builder().contentEncodingsDiscoverServices(false).build())
                // Only the protocols named here: a Helidon protocol jar on the class path (its WebSocket server,
                // say) must not take over requests meant for the upstreams.
                .protocolsDiscoverServices(false)
                .addProtocol(Http1Config.builder()
                        .maxHeadersSize(server.maxHeaderSize())
                        .maxPrologueLength(Math.max(8192, server.maxHeaderSize()))
                        .build())
                .update(listener -> {
                    WebSocketTunnels.forEverySpelling(handler).forEach(listener::addProtocol);
                    if (server.http2()) {
                        listener.addProtocol(Http2Config.builder()
                                // the same limit on a request's fields as HTTP/1's, counted as HTTP/2 counts them
                                .maxHeaderListSize(server.maxHeaderSize())
                                // HTTP/2's own default window, not Helidon's 1 MiB. For a window of four frames or
                                // more Helidon defers window updates in a field that every stream of a connection
                                // adds to unguarded (WindowSizeImpl's Bisection strategy); streams whose bodies are
                                // read at once lost updates, until the client had no window left on the connection
                                // and every upload on it stalled. Under four frames it sends each update as it comes.
                                .initialWindowSize(INITIAL_WINDOW_SIZE)
                                .build());
                    }
                })
                .routing(routing -> routing.any(handler))
                .build();
    }

    /**
     * The listener of {@code server.http-redirect}: every request, on any path, is answered with a redirect to the
     * same URL on the HTTPS listener. Its requests never reach a route, a plugin or an upstream.
     */
    private static WebServer redirectServer(ServerConfig server, HttpRedirectConfig settings, IntSupplier httpsPort) {
        return WebServer.builder()
                .host(server.host())
                .port(settings.port())
                .shutdownHook(false)
                .maxTcpConnections(server.maxConnections())
                .idleConnectionTimeout(server.idleTimeout())
                .protocolsDiscoverServices(false)
                .addProtocol(Http1Config.builder().maxHeadersSize(server.maxHeaderSize()).build())
                .routing(routing -> routing.any(new HttpsRedirect(settings.status(), httpsPort)))
                .build();
    }

    /** @return the port of the plain-HTTP listener that redirects to HTTPS, when there is one */
    public OptionalInt redirectPort() {
        return redirect.map(server -> OptionalInt.of(server.port())).orElse(OptionalInt.empty());
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
     * Stops within the drain timeout, and half a second more: serves on until the requests under way have
     * ended, then stops taking new requests and lets the ones still in flight finish, and cuts whatever is still
     * running when the timeout is up. Then releases everything. Health answers 503 from the first moment.
     * Closing again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        readiness.draining();
        // a redirect has no request under way worth draining
        redirect.ifPresent(WebServer::stop);
        Duration drainTimeout = started.config().server().drainTimeout();
        LOGGER.log(System.Logger.Level.INFO, () -> "draining: in-flight requests get up to " + drainTimeout);
        stopListener(drainTimeout);
        // after the listener: the requests that drained are logged and counted too
        observability.close();
        runtime.retire();
        plugins.close();
        admin.stop();
        LOGGER.log(System.Logger.Level.INFO, "stopped");
    }

    /**
     * Ends the requests in the order RequestsUnderWay gives, and stops the listener. Helidon's stop gives the
     * requests in flight its whole grace period (the drain timeout) again, however much of the timeout the steps
     * before it took; so it runs aside, and whatever is still running at the deadline is cut.
     */
    private void stopListener(Duration drainTimeout) {
        deadline = System.nanoTime() + drainTimeout.toNanos();
        if (hurryAsked) {
            hurryNow();
        }
        underWay.awaitEnd(drainTimeout);
        underWay.holdHttp2(remaining(deadline));
        underWay.releaseHeld(remaining(deadline));
        underWay.listenerStopping();
        Thread stopping = Thread.ofVirtual().name("proxy-listener-stop").start(proxy::stop);
        boolean stopped = joinedByDeadline(stopping);
        if (underWay.refused() > 0) {
            LOGGER.log(System.Logger.Level.INFO, () -> underWay.refused() + " HTTP/2 request(s) that came as the"
                    + " gateway stopped were refused (REFUSED_STREAM) as not processed, to be sent again elsewhere");
        }
        if (stopped) {
            return;
        }
        long lastly = deadline + AFTER_CUT.toNanos();
        cut(lastly);
        if (!joined(stopping, lastly)) {
            // Helidon interrupts an HTTP/2 connection's reader at once only while its table of streams is empty,
            // and a stream it reset (a refused or a cut one) stays there until the client sends its next frame
            LOGGER.log(System.Logger.Level.INFO, () -> "client connections still open " + AFTER_CUT
                    + " after the drain timeout are left to close as the listener's stop ends");
        }
    }

    /**
     * Ends the stop now rather than at the drain timeout: what still runs is cut at once. For an operator who asks
     * twice (a second SIGTERM, Ctrl-C twice). Before {@link #close()}, it makes the coming stop a hurried one.
     */
    public void hurry() {
        hurryAsked = true;
        if (closed.get()) {
            hurryNow();
        }
    }

    private void hurryNow() {
        deadline = System.nanoTime();
        int cut = underWay.hurry();
        LOGGER.log(System.Logger.Level.WARNING, () -> "asked to stop again: the drain ends now, " + cut
                + " request(s) under way cut");
    }

    private void cut(long until) {
        int cut = underWay.cut();
        if (cut > 0) {
            LOGGER.log(System.Logger.Level.WARNING, () -> cut + " request(s) still under way at the end of "
                    + "server.drain-timeout were cut");
            underWay.awaitNone(remaining(until));
        }
    }

    /** Joins by the deadline as it stands, which {@link #hurry()} may bring in meanwhile. */
    private boolean joinedByDeadline(Thread thread) {
        while (thread.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            joined(thread, System.nanoTime() + Math.min(left, HURRY_CHECK.toNanos()));
        }
        return true;
    }

    private static boolean joined(Thread thread, long deadline) {
        try {
            return thread.join(remaining(deadline));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !thread.isAlive();
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
