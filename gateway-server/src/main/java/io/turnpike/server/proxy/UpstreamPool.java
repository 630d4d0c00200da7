package io.turnpike.server.proxy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.helidon.common.tls.Tls;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.api.WebClientConfig;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientProtocolConfig;
import io.helidon.webclient.http2.Http2Client;
import io.helidon.webclient.http2.Http2ClientImpl;
import io.helidon.webclient.http2.Http2ClientProtocolConfig;
import io.turnpike.api.Exchange;
import io.turnpike.api.Request;
import io.turnpike.server.config.RetriesConfig;
import io.turnpike.server.config.TargetConfig;
import io.turnpike.server.config.UpstreamConfig;

/**
 * The targets of one upstream, what is known of their health, and the pooled keep-alive connections to
 * them; also the upstream's bulkhead and retry policy.
 */
public final class UpstreamPool implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(UpstreamPool.class.getName());

    /** Backoff doubles with each retry, and each wait is drawn from ±50% of its nominal value. */
    private static final double BACKOFF_MULTIPLIER = 2.0;
    private static final double JITTER = 0.5;

    private final String name;
    private final UpstreamConfig config;
    /** Names and values were checked when they entered api.Headers; checking them again cost ~3% of the CPU. */
    private static final Http1ClientProtocolConfig HTTP1 = Http1ClientProtocolConfig.builder()
            .defaultKeepAlive(true)
            .validateRequestHeaders(false)
            .build();

    /** The most idle keep-alive connections kept per target, HTTP/1.1 and HTTP/2 alike. */
    private static final int IDLE_CONNECTIONS = 256;

    private final WebClient client;
    private final Http1Client http1;
    /** Null unless the upstream's config asks for HTTP/2. */
    private final Http2ClientImpl http2;
    /** Replaced as a whole when DNS discovery finds other addresses; read once per choice of target. */
    private volatile TargetSet current;
    /** Targets DNS no longer names, whose connections close once no request uses them. */
    private final List<TargetState> retiring = new CopyOnWriteArrayList<>();
    private final TargetDiscovery discovery;
    private final RequestKeys keys;
    private final Bulkhead bulkhead;
    private final Retry retry;
    private final ActiveHealthChecker healthChecker;
    private final IdleReaper idleReaper;

    /**
     * Opens no connection yet: connections are made on first use and then kept alive. Active health
     * checks, when configured, start probing at once. With {@code dns}, the targets' names are looked up once
     * here, and again every refresh.
     *
     * @param name   the upstream's name
     * @param config its validated config
     * @param tls    the TLS for its https targets, or empty for the JVM's trust store and no client certificate
     */
    public UpstreamPool(String name, UpstreamConfig config, Optional<Tls> tls) {
        this.name = name;
        this.config = config;
        Optional<Tls> clientTls = clientTls(config, tls);
        this.client = client(config.connectTimeout(), config.readTimeout(), clientTls);
        // Given here, not with WebClient.addProtocolConfig: Helidon 4.5 looks that one up under another name
        // ("http_1_1" against the protocol id), silently falls back to defaults, and would validate again.
        this.http1 = client.client(Http1Client.PROTOCOL, HTTP1);
        this.http2 = config.http2() ? http2Client(client, config) : null;
        this.discovery = config.dns() == null ? null : new TargetDiscovery(name, config.targets(),
                TargetDiscovery::system);
        List<Placement> placements = discovery == null
                ? config.targets().stream().map(target -> new Placement(target, Target.of(target.url()))).toList()
                : discovery.placements(List.of());
        this.current = TargetSet.of(placements.stream().map(this::newState).toList(), config.balancing());
        this.keys = RequestKeys.of(config);
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(config.bulkhead().enabled() ? config.bulkhead().maxConcurrentRequests() : Integer.MAX_VALUE)
                // never a queue: a request past the limit is answered at once
                .maxWaitDuration(Duration.ZERO)
                .writableStackTraceEnabled(false)
                .build());
        this.retry = retry(name, config.retries());
        this.healthChecker = config.healthCheck().activeCheck()
                .map(active -> new ActiveHealthChecker(name, active,
                        client(active.timeout(), active.timeout(), clientTls), current.targets()))
                .orElse(null);
        this.idleReaper = new IdleReaper(name, config.idleTimeout(), this::closeIdleConnections);
        if (discovery != null) {
            discovery.start(config.dns().refresh(), this::placements, this::place);
        }
    }

    /** Closes the connections to every target that have been idle for longer than {@code idle-timeout}. */
    private void closeIdleConnections() {
        for (TargetState target : current.targets()) {
            target.connections().closeIdle();
            if (target.http2() != null) {
                target.http2().closeIdle();
            }
        }
    }

    private List<Placement> placements() {
        return current.targets().stream()
                .map(state -> new Placement(new TargetConfig(state.url(), state.weight()), state.target()))
                .toList();
    }

    /**
     * Puts the targets of a round of DNS lookups in place. A target found again keeps its state (breaker,
     * health, connections); a new one starts fresh; one no longer found takes no new request, and its connections
     * close once the requests on them have ended. Called on the discovery's thread only.
     */
    private void place(List<Placement> found) {
        closeRetired();
        TargetSet now = current;
        Map<String, TargetState> known = new HashMap<>();
        now.targets().forEach(state -> known.put(Placement.key(state.url(), state.target()), state));
        Set<String> wanted = new HashSet<>();
        found.forEach(placement -> wanted.add(placement.key()));
        if (wanted.equals(known.keySet())) {
            return;
        }
        List<TargetState> next = new ArrayList<>();
        for (Placement placement : found) {
            TargetState kept = known.get(placement.key());
            TargetState state = kept != null ? kept : newState(placement);
            next.add(state);
            if (kept == null && healthChecker != null) {
                healthChecker.watch(state);
            }
        }
        current = TargetSet.of(next, config.balancing());
        for (TargetState gone : now.targets()) {
            if (!wanted.contains(Placement.key(gone.url(), gone.target()))) {
                if (healthChecker != null) {
                    healthChecker.unwatch(gone);
                }
                retiring.add(gone);
            }
        }
        LOGGER.log(System.Logger.Level.INFO, () -> "upstream " + name + ": targets now " + wanted.stream().sorted().toList());
    }

    /**
     * Closes the connections of the retired targets no request uses any more. A request that chose such a target
     * just before it was retired is counted in flight by the time the next round runs, a refresh later.
     */
    private void closeRetired() {
        for (TargetState target : retiring) {
            if (target.inFlight() == 0) {
                retiring.remove(target);
                target.closeConnections();
            }
        }
    }

    /** A target as found in the config or in DNS, with a fresh breaker, health and connections. */
    private TargetState newState(Placement placement) {
        TargetConfig target = placement.config();
        String id = name + "/" + placement.key();
        ActiveHealth health = config.healthCheck().activeCheck()
                .map(active -> ActiveHealth.checked(active.healthyThreshold(), active.unhealthyThreshold()))
                .orElseGet(ActiveHealth::unchecked);
        Duration probeInterval = config.healthCheck().activeCheck()
                .map(active -> active.interval()).orElse(Duration.ZERO);
        Target address = placement.target();
        return new TargetState(target.url(), address, target.weight(),
                Breaker.circuit(id, config.circuitBreaker()),
                Breaker.ejector(id + "/passive", config.healthCheck().passive(), config.circuitBreaker().failureStatuses()),
                health, probeInterval, new TargetConnections(client, address, IDLE_CONNECTIONS, config.idleTimeout()),
                http2 == null ? null : new Http2Connections(client, http2, address, config.streamsPerConnection(),
                        IDLE_CONNECTIONS, config.idleTimeout()));
    }

    /**
     * The HTTP/2 client of an upstream that asks for it: the same client settings, and Helidon's HTTP/2 client for
     * its connection handling (prior knowledge for {@code http://}, as there is no ALPN to agree on HTTP/2 without
     * TLS).
     */
    private static Http2ClientImpl http2Client(WebClient client, UpstreamConfig config) {
        Http2ClientProtocolConfig protocol = Http2ClientProtocolConfig.builder()
                .priorKnowledge(true)
                // An upstream that reads none of a request for a while gives no window to send more in; that is
                // a silence like any other, bounded by read-timeout rather than by Helidon's own 15 s.
                .flowControlBlockTimeout(config.readTimeout())
                .build();
        return (Http2ClientImpl) client.client(Http2Client.PROTOCOL, protocol);
    }

    private static Retry retry(String name, RetriesConfig config) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(config.backoff(), BACKOFF_MULTIPLIER,
                JITTER, config.maxBackoff());
        return Retry.of(name, RetryConfig.<Attempt>custom()
                .maxAttempts(config.maxRetries() + 1)
                .retryOnResult(Attempt::retryable)
                // a try never throws: what went wrong is in its answer
                .retryOnException(e -> false)
                .consumeResultBeforeRetryAttempt((number, attempt) -> attempt.discard().run())
                .intervalBiFunction(IntervalBiFunction.ofIntervalFunction(backoff))
                .failAfterMaxAttempts(false)
                .build());
    }

    /**
     * Without TLS of its own, Helidon's client builds the JVM's default SSL context (reading the trust store),
     * about a tenth of the gateway's start-up: pointless for an upstream whose targets are all plain http.
     */
    private static Optional<Tls> clientTls(UpstreamConfig config, Optional<Tls> tls) {
        boolean plain = config.targets().stream().noneMatch(target -> Target.of(target.url()).secure());
        return plain ? Optional.of(Tls.builder().enabled(false).build()) : tls;
    }

    private static WebClient client(Duration connectTimeout, Duration readTimeout, Optional<Tls> tls) {
        WebClientConfig.Builder client = WebClient.builder();
        // the same trust for proxied requests and for health probes
        tls.ifPresent(client::tls);
        return client
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .followRedirects(false)
                // Targets are reached directly; a system proxy setting must not reroute, or add Proxy-* headers.
                .proxy(Proxy.noProxy())
                .keepAlive(true)
                // Buffering would break streaming; 100-continue would add a round trip to every upload.
                .maxInMemoryEntity(0)
                .sendExpectContinue(false)
                // Proxied requests get their connection from TargetConnections; only the active health checker's
                // client uses Helidon's cache, which stays its own.
                .shareConnectionCache(false)
                // Bodies pass through as the upstream encoded them: the gateway never decodes gzip.
                .contentEncoding(ContentEncodingContext.builder().contentEncodingsDiscoverServices(false).build())
                // Helidon's write buffer costs a fresh array of its whole size per request (FixedBufferData.write)
                // and a copy; without it, a request head goes out in one write all the same.
                .writeBufferSize(0)
                // Nagle's algorithm with delayed ACKs stalls small request/response exchanges by ~40 ms.
                .socketOptions(options -> options.tcpNoDelay(true))
                .build();
    }

    String name() {
        return name;
    }

    WebClient client() {
        return client;
    }

    /** The HTTP/1.1 client itself: asking the WebClient per request would rediscover the protocol each time. */
    Http1Client http1() {
        return http1;
    }

    /** @return how long to wait for an answer, and between its bytes */
    Duration readTimeout() {
        return config.readTimeout();
    }

    /** @return whether the upstream's config asks for HTTP/2 */
    boolean speaksHttp2() {
        return http2 != null;
    }

    Retry retry() {
        return retry;
    }

    RetriesConfig retries() {
        return config.retries();
    }

    /**
     * @param exchange what is known of the request
     * @param request  the request as the route's plugins passed it on
     * @return what a consistent-hash upstream places it by; {@link RequestKeys#NO_KEY} for other upstreams
     */
    RequestKeys.Key keyOf(Exchange exchange, Request request) {
        return keys.of(exchange, request);
    }

    /** Takes a place in the bulkhead; false when the upstream has all the requests it may. */
    boolean enter() {
        return bulkhead.tryAcquirePermission();
    }

    /** Gives back a place taken by {@link #enter()}. */
    void leave() {
        bulkhead.onComplete();
    }

    /** @return the bulkhead's limit, when there is one */
    OptionalInt maxConcurrentRequests() {
        return config.bulkhead().enabled() ? OptionalInt.of(config.bulkhead().maxConcurrentRequests()) : OptionalInt.empty();
    }

    /**
     * Picks and reserves a target for a try: one not tried yet for this request when there is one that
     * may take it, else one already tried.
     *
     * @param tried the targets this request was already sent to
     * @param key   the request's hash, which a consistent-hash upstream places it by
     * @return the reserved target, or null when no target may take traffic now
     */
    TargetState choose(Set<TargetState> tried, long key) {
        Set<TargetState> refused = new HashSet<>();
        Balancer balancer = current.balancer();
        TargetState fresh = balancer.pick(key, target -> !tried.contains(target) && reserve(target, refused));
        if (fresh != null || tried.isEmpty()) {
            return fresh;
        }
        return balancer.pick(key, target -> tried.contains(target) && reserve(target, refused));
    }

    /** A target that refused once is not asked again while walking a long weighted sequence. */
    private static boolean reserve(TargetState target, Set<TargetState> refused) {
        if (refused.contains(target)) {
            return false;
        }
        if (target.tryAcquire()) {
            return true;
        }
        refused.add(target);
        return false;
    }

    /** Whole seconds until some target may take traffic again, at least 1: for {@code Retry-After}. */
    long retryAfterSeconds() {
        Duration soonest = null;
        for (TargetState target : current.targets()) {
            Duration wait = target.unavailableFor();
            if (soonest == null || wait.compareTo(soonest) < 0) {
                soonest = wait;
            }
        }
        long millis = soonest == null ? 0 : soonest.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /** @return the state of the upstream and of each target, now */
    public UpstreamStatus status() {
        List<TargetState> targets = current.targets();
        List<UpstreamStatus.TargetStatus> states = new ArrayList<>(targets.size());
        for (TargetState target : targets) {
            states.add(new UpstreamStatus.TargetStatus(target.url(),
                    target.target().address().map(InetAddress::getHostAddress), target.weight(),
                    target.available(), target.inFlight(), target.connections().idleConnections(),
                    Optional.ofNullable(target.http2()).map(Http2Connections::status),
                    breakerStatus(target.breaker()),
                    passiveState(target.ejector().state()), target.health().state().name()));
        }
        int inFlight = config.bulkhead().enabled()
                ? config.bulkhead().maxConcurrentRequests() - bulkhead.getMetrics().getAvailableConcurrentCalls()
                : 0;
        return new UpstreamStatus(name, config.balancing().toString(), maxConcurrentRequests(), inFlight, states);
    }

    private static UpstreamStatus.BreakerStatus breakerStatus(Breaker breaker) {
        CircuitBreaker.Metrics metrics = breaker.metrics();
        return new UpstreamStatus.BreakerStatus(breaker.state().name(), metrics.getFailureRate(),
                metrics.getSlowCallRate(), metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls());
    }

    private static String passiveState(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> "HEALTHY";
            case OPEN, FORCED_OPEN -> "EJECTED";
            case HALF_OPEN -> "TRIAL";
            case DISABLED, METRICS_ONLY -> "DISABLED";
        };
    }

    @Override
    public void close() {
        if (discovery != null) {
            discovery.close();
        }
        idleReaper.close();
        if (healthChecker != null) {
            healthChecker.close();
        }
        current.targets().forEach(TargetState::closeConnections);
        retiring.forEach(TargetState::closeConnections);
        client.closeResource();
    }
}
