package io.turnpike.plugins.responsecache;

import java.time.Clock;
import java.util.List;

import io.turnpike.api.AdminEndpoint;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import io.turnpike.api.SharedState;
import org.pf4j.Extension;

/**
 * {@code response-cache}: an HTTP cache in front of a route's upstream, with RFC 9111's shared-cache rules,
 * one upstream call per concurrent miss, and a purge on the admin port. See
 * {@code docs/plugins/response-cache.md}.
 *
 * <p>One instance serves the whole gateway, so it owns the registry of every route's store: the admin
 * endpoints reach the stores through it, and a route keeps its store across reloads that leave its cache
 * settings alone.
 */
@Extension
public final class ResponseCachePlugin implements GatewayPlugin<ResponseCacheConfig> {

    /** The name routes use. */
    public static final String NAME = "response-cache";

    private final RouteCaches caches;
    private final Clock clock;

    /** The plugin on the system clock, as PF4J makes it. */
    public ResponseCachePlugin() {
        this(Clock.systemUTC());
    }

    /** @param clock the time source for freshness and expiry; tests pass one they can move */
    ResponseCachePlugin(Clock clock) {
        this.clock = clock;
        this.caches = new RouteCaches(shape -> new CaffeineCacheStore(shape.maxMemory(), clock));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<ResponseCacheConfig> configType() {
        return ResponseCacheConfig.class;
    }

    @Override
    public Phase phase() {
        return Phase.CACHING;
    }

    @Override
    public List<ConfigError> validate(ResponseCacheConfig config) {
        return ConfigCheck.errorsIn(config);
    }

    @Override
    public Filter create(ResponseCacheConfig config, PluginContext context) {
        Settings settings = Settings.of(config);
        SharedState.Lease<CacheStore> lease = caches.acquire(RouteCaches.Shape.of(context.routeId(), settings));
        return new ResponseCacheFilter(settings, lease.state(), clock, lease::close, new CacheCounts(context::counter));
    }

    @Override
    public List<AdminEndpoint> adminEndpoints() {
        return CacheAdmin.endpoints(caches);
    }
}
