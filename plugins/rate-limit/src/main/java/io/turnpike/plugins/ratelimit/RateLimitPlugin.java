package io.turnpike.plugins.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Ticker;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Counter;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import io.turnpike.api.SharedState;
import org.pf4j.Extension;

/**
 * {@code rate-limit}: at most so many requests per second, minute, hour and day, per consumer, client IP,
 * header value, route, or across routes. See {@code docs/plugins/rate-limit.md}.
 */
@Extension
public final class RateLimitPlugin implements GatewayPlugin<RateLimitConfig> {

    /** The name routes use. */
    public static final String NAME = "rate-limit";

    /** Enough for every distinct set of limits that routes with {@code by: global} can name. */
    private static final int GLOBAL_KEYS = 1_000;

    private final LongSupplier clockMillis;
    private final Ticker ticker;
    /** Shared by the routes with {@code by: global}, and kept across configuration reloads. */
    private final InMemoryCounterStore globalStore;
    /** Every other route's store, kept across reloads while the route and its limits stay the same. */
    private final SharedState<StoreShape, CounterStore> routeStores;
    /** One connection per Redis the routes count in, kept across reloads while its settings stay the same. */
    private final SharedState<RedisLink.Key, RedisLink> redisLinks;

    /** The plugin on the system clock, as PF4J makes it. */
    public RateLimitPlugin() {
        this(System::currentTimeMillis, Ticker.systemTicker());
    }

    RateLimitPlugin(LongSupplier clockMillis, Ticker ticker) {
        this.clockMillis = clockMillis;
        this.ticker = ticker;
        this.globalStore = new InMemoryCounterStore(GLOBAL_KEYS, Duration.ofDays(2), ticker);
        this.routeStores = new SharedState<>(shape -> new InMemoryCounterStore(shape.maxKeys(),
                idleTimeout(shape.limits()), ticker), CounterStore::close);
        // the name the host gives context.logger(): a link serves many routes, so it cannot take one route's
        System.Logger logger = System.getLogger("io.turnpike.plugin." + NAME);
        this.redisLinks = new SharedState<>(key -> new RedisLink(key, logger), RedisLink::close);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<RateLimitConfig> configType() {
        return RateLimitConfig.class;
    }

    @Override
    public Phase phase() {
        return Phase.TRAFFIC;
    }

    @Override
    public List<ConfigError> validate(RateLimitConfig config) {
        return ConfigCheck.errorsIn(config);
    }

    @Override
    public Filter create(RateLimitConfig config, PluginContext context) {
        List<Limit> limits = limits(config);
        KeyBy by = KeyBy.parse(config.by()).orElseThrow();
        RateLimitHeaders headers = new RateLimitHeaders(limits, config.legacyHeaders());
        RateLimitKeys keys = new RateLimitKeys(by, config.header(), limits);
        if (by == KeyBy.GLOBAL) {
            return withRedis(config, "", globalStore, () -> { }, limits, keys, headers, context);
        }
        // a global rate-limit's counts belong to the one config every route runs: a consumer's quota is for all
        SharedState.Lease<CounterStore> lease = routeStores.acquire(
                StoreShape.of(context.instance(), limits, by, config.header(), config.maxKeys()));
        String scope = PluginContext.GLOBAL.equals(context.instance()) ? "global-plugin:"
                : "route:" + context.routeId() + ":";
        return withRedis(config, scope, lease.state(), lease::close, limits, keys, headers, context);
    }

    /**
     * The route's filter: counting in its local store, or with {@code redis}, in Redis (under the key prefix and
     * the scope: the route's, or none for {@code by: global}, whose keys name their limits) and in the local
     * store only when {@code on-redis-error: local} needs it.
     */
    private Filter withRedis(RateLimitConfig config, String scope, CounterStore local, Runnable releaseLocal,
                             List<Limit> limits, RateLimitKeys keys, RateLimitHeaders headers,
                             PluginContext context) {
        Counter rejected = context.counter("rejected", "Requests refused 429 over one of the route's limits");
        if (config.redis() == null) {
            return new RateLimitFilter(limits, keys, local, releaseLocal, headers, clockMillis, rejected);
        }
        SharedState.Lease<RedisLink> link;
        try {
            link = redisLinks.acquire(RedisLink.Key.of(config.redis()));
        } catch (RuntimeException e) {
            releaseLocal.run();   // a TLS file gone since the config was checked: no filter, so nothing may stay held
            throw e;
        }
        CounterStore redis = new RedisCounterStore(link.state(), config.redis().keyPrefix() + scope);
        OnRedisError onError = OnRedisError.parse(config.onRedisErrorOrDefault()).orElseThrow();
        Runnable release = () -> {
            link.close();
            releaseLocal.run();
        };
        Counter withoutRedis = context.counter("decided_without_redis",
                "Requests decided as on-redis-error says, because Redis failed");
        return new RateLimitFilter(limits, keys, new FallbackCounterStore(redis, onError, local, withoutRedis), release,
                headers, clockMillis, rejected);
    }

    static List<Limit> limits(RateLimitConfig config) {
        List<Limit> limits = new ArrayList<>(4);
        add(limits, "second", config.second(), Duration.ofSeconds(1));
        add(limits, "minute", config.minute(), Duration.ofMinutes(1));
        add(limits, "hour", config.hour(), Duration.ofHours(1));
        add(limits, "day", config.day(), Duration.ofDays(1));
        return List.copyOf(limits);
    }

    private static void add(List<Limit> limits, String name, Long max, Duration window) {
        if (max != null) {
            limits.add(new Limit(name, max, window.toMillis()));
        }
    }

    /** A key's counts matter for two windows of its longest limit; after that it may be forgotten. */
    private static Duration idleTimeout(List<Limit> limits) {
        long longest = limits.stream().mapToLong(Limit::windowMillis).max().orElseThrow();
        return Duration.ofMillis(2 * longest);
    }
}
