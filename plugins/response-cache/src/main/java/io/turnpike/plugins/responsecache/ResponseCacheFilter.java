package io.turnpike.plugins.responsecache;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * One route's cache: answers from the store when it holds a fresh answer (a HEAD also from a fresh GET), asks
 * the upstream whether a stale one with validators still holds, else fetches once per concurrent miss and
 * stores what may be stored; a stale answer stands in for an upstream that fails, within its
 * {@code stale-if-error}. Every answer says what happened in {@code X-Cache-Status}.
 */
final class ResponseCacheFilter implements Filter {

    /** RFC 9110 section 9.2.1: every other method may change the resource. */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** RFC 5861 section 4: the answers that count as the upstream failing. */
    private static final Set<Integer> FAILURES = Set.of(500, 502, 503, 504);

    private final Settings settings;
    private final CacheStore store;
    private final SingleFlight flights;
    private final Clock clock;
    private final Runnable onClose;
    private final CacheCounts counts;

    /**
     * @param settings the route's settings
     * @param store    the route's store
     * @param clock    the time source for ages and freshness
     * @param onClose  runs when the filter closes (lets go of the route's store, which the route's
     *                 next filter may still hold)
     */
    ResponseCacheFilter(Settings settings, CacheStore store, Clock clock, Runnable onClose, CacheCounts counts) {
        this.settings = settings;
        this.counts = counts;
        this.store = store;
        this.flights = new SingleFlight(settings.lockTimeout(), clock);
        this.clock = clock;
        this.onClose = onClose;
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Response response = answer(exchange, chain);
        response.headers().first(CacheStatus.HEADER).ifPresent(status -> counts.count(CacheStatus.valueOf(status)));
        return response;
    }

    private Response answer(Exchange exchange, Chain chain) {
        Request request = chain.request();
        if (settings.invalidateOnUnsafeMethods() && !SAFE_METHODS.contains(request.method())) {
            return invalidating(exchange, request, chain.proceed());
        }
        Bypass bypass = Bypass.of(request, exchange.consumer().isPresent(), settings);
        if (bypass == Bypass.PASS) {
            return mark(chain.proceed(), CacheStatus.BYPASS);
        }
        PrimaryKey key = Keys.primary(exchange, request);
        if (bypass == Bypass.REFRESH) {
            return fetch(chain, request, key, CacheStatus.BYPASS, Optional.empty(), Optional.empty());
        }
        Lookup lookup = lookup(key, request);
        Instant now = clock.instant();
        if (lookup.isFresh(now)) {
            return serve(lookup.found().orElseThrow(), request, now, CacheStatus.HIT);
        }
        Optional<CachedResponse> storedGet = storedGetForHead(key, request, now);
        if (storedGet.isPresent()) {
            return serve(storedGet.get(), request, now, CacheStatus.HIT);
        }
        CacheStatus status = lookup.found().isPresent() ? CacheStatus.EXPIRED : CacheStatus.MISS;
        SingleFlight.Flight flight = flights.join(key, lookup.variant());
        if (flight.leads()) {
            Optional<Request> revalidation = lookup.found().flatMap(stale -> Conditionals.revalidating(request, stale));
            if (revalidation.isPresent()) {
                return revalidate(chain, request, revalidation.get(), key, lookup, flight);
            }
            return fetch(chain, request, key, status, Optional.of(flight), lookup.found());
        }
        if (flight.await() == SingleFlight.Outcome.STORED) {
            Lookup stored = lookup(key, request);
            Instant then = clock.instant();
            if (stored.isFresh(then)) {
                return serve(stored.found().orElseThrow(), request, then, CacheStatus.HIT);
            }
        }
        return fetch(chain, request, key, status, Optional.empty(), lookup.found());
    }

    /**
     * RFC 9111 section 4.4: once an unsafe request has succeeded (2xx or 3xx), what is stored for its URL is
     * no longer what the upstream would answer, for any caller. An error changed nothing, so it removes nothing.
     */
    private Response invalidating(Exchange exchange, Request request, Response response) {
        if (response.status() >= 200 && response.status() < 400) {
            store.invalidate(Keys.resource(exchange, request));
        }
        return mark(response, CacheStatus.BYPASS);
    }

    /**
     * RFC 9110 section 9.3.2: a HEAD's answer is a GET's without the body, so a fresh stored GET answers it
     * (its Content-Length still describes the body a GET would get). A stored HEAD cannot answer a GET.
     */
    private Optional<CachedResponse> storedGetForHead(PrimaryKey key, Request request, Instant now) {
        if (!"HEAD".equals(request.method()) || !settings.methods().contains("GET")) {
            return Optional.empty();
        }
        Lookup get = lookup(key.withMethod("GET"), request);
        return get.isFresh(now) ? get.found() : Optional.empty();
    }

    private Lookup lookup(PrimaryKey key, Request request) {
        Optional<List<String>> vary = store.varyOf(key);
        List<String> variant = vary.map(names -> Keys.variant(names, request.headers())).orElse(List.of());
        return new Lookup(variant, vary.flatMap(names -> store.get(key, variant)));
    }

    /**
     * Asks the upstream and stores the answer when it may be; the flight, if led, always lands. When the
     * upstream fails, the stale copy answers instead if it may ({@link #orStale}).
     */
    private Response fetch(Chain chain, Request request, PrimaryKey key, CacheStatus status,
                           Optional<SingleFlight.Flight> flight, Optional<CachedResponse> stale) {
        Instant requestTime = clock.instant();
        Response response;
        try {
            response = proceed(chain, Conditionals.unconditional(request), flight);
        } catch (RuntimeException e) {
            return staleAnswer(stale, request).orElseThrow(() -> e);
        }
        Optional<Response> instead = orStale(response, stale, request, flight);
        return instead.orElseGet(() -> stored(request, key, status, flight, requestTime, response));
    }

    /**
     * RFC 5861 section 4: an upstream that fails (500, 502, 503, 504) is answered for by the stale copy while
     * that is within its {@code stale-if-error}; the failure's own answer is dropped, and nothing is stored.
     *
     * @return the stale copy's answer, or empty when the upstream did not fail or no copy may stand in
     */
    private Optional<Response> orStale(Response response, Optional<CachedResponse> stale, Request request,
                                       Optional<SingleFlight.Flight> flight) {
        if (!FAILURES.contains(response.status())) {
            return Optional.empty();
        }
        Optional<Response> answer = staleAnswer(stale, request);
        answer.ifPresent(ignored -> land(flight, false));
        return answer;
    }

    private Optional<Response> staleAnswer(Optional<CachedResponse> stale, Request request) {
        Instant now = clock.instant();
        return stale.filter(entry -> entry.usableOnError(now)).map(entry -> serve(entry, request, now, CacheStatus.STALE));
    }

    /** Stores an answer when it may be stored, and passes it on; the flight, if led, always lands. */
    private Response stored(Request request, PrimaryKey key, CacheStatus status, Optional<SingleFlight.Flight> flight,
                            Instant requestTime, Response response) {
        Instant responseTime = clock.instant();
        Optional<Admission> admission = Admission.of(response, settings, requestTime, responseTime);
        long length = response.body().length();
        if (admission.isEmpty() || length > settings.maxEntrySize()) {
            land(flight, false);
            return mark(response, status);
        }
        Admission admitted = admission.get();
        List<String> variant = Keys.variant(admitted.varyNames(), request.headers());
        if (length >= 0) {
            CachedResponse entry = admitted.entry(response.status(), read(response.body(), (int) length, flight),
                    responseTime);
            store.put(key, admitted.varyNames(), variant, entry);
            land(flight, true);
            return serve(entry, request, responseTime, status);
        }
        // Unknown length: stream to the client now, keep a bounded copy on the way.
        TeeBody tee = new TeeBody(response.body(), settings.maxEntrySize(), bytes -> {
            store.put(key, admitted.varyNames(), variant, admitted.entry(response.status(), bytes, responseTime));
            land(flight, true);
        }, () -> land(flight, false));
        return mark(response.withBody(tee), status);
    }

    /**
     * Asks the upstream whether the stale answer still holds. A 304 makes it fresh again with the 304's
     * fields; any other answer is handled as a fetch of an expired entry would be.
     */
    private Response revalidate(Chain chain, Request request, Request conditional, PrimaryKey key, Lookup lookup,
                                SingleFlight.Flight leader) {
        CachedResponse stale = lookup.found().orElseThrow();
        Optional<SingleFlight.Flight> flight = Optional.of(leader);
        Instant requestTime = clock.instant();
        Response response;
        try {
            response = proceed(chain, conditional, flight);
        } catch (RuntimeException e) {
            return staleAnswer(lookup.found(), request).orElseThrow(() -> e);
        }
        if (response.status() != 304) {
            Optional<Response> instead = orStale(response, lookup.found(), request, flight);
            return instead.orElseGet(() -> stored(request, key, CacheStatus.EXPIRED, flight, requestTime, response));
        }
        Instant responseTime = clock.instant();
        Response refreshed = new Response(stale.status(), Conditionals.refreshed(stale.headers(), response.headers()),
                Body.of(stale.body()));
        Optional<Admission> admission = Admission.of(refreshed, settings, requestTime, responseTime);
        if (admission.isEmpty()) {
            // the upstream now says the answer must not be stored (no-store, private): served once, then gone
            store.remove(key, lookup.variant());
            land(flight, false);
            return mark(refreshed, CacheStatus.REVALIDATED);
        }
        Admission admitted = admission.get();
        CachedResponse entry = admitted.entry(stale.status(), stale.body(), responseTime);
        store.put(key, admitted.varyNames(), Keys.variant(admitted.varyNames(), request.headers()), entry);
        land(flight, true);
        return serve(entry, request, responseTime, CacheStatus.REVALIDATED);
    }

    /** Asks the upstream; a flight led by this request lands even when the asking throws. */
    private static Response proceed(Chain chain, Request request, Optional<SingleFlight.Flight> flight) {
        try {
            return chain.proceed(request);
        } catch (RuntimeException | Error e) {
            land(flight, false);
            throw e;
        }
    }

    private static byte[] read(Body body, int length, Optional<SingleFlight.Flight> flight) {
        byte[] bytes;
        try {
            bytes = body.bytes(length);
        } catch (UncheckedIOException | ProblemException e) {
            bytes = null;
        }
        if (bytes == null || bytes.length != length) {
            land(flight, false);
            throw new ProblemException(502, "The upstream's answer broke off before its end.");
        }
        return bytes;
    }

    private static Response serve(CachedResponse entry, Request request, Instant now, CacheStatus status) {
        String age = Long.toString(entry.age(now).getSeconds());
        if (Conditionals.notModified(request, entry)) {
            Headers headers = Conditionals.notModifiedHeaders(entry.headers()).toBuilder()
                    .set("Age", age).set(CacheStatus.HEADER, status.name()).build();
            return new Response(304, headers, Body.empty());
        }
        Headers headers = entry.headers().toBuilder().set("Age", age).set(CacheStatus.HEADER, status.name()).build();
        return new Response(entry.status(), headers, Body.of(entry.body()));
    }

    private static Response mark(Response response, CacheStatus status) {
        return response.withHeaders(response.headers().with(CacheStatus.HEADER, status.name()));
    }

    private static void land(Optional<SingleFlight.Flight> flight, boolean stored) {
        flight.ifPresent(f -> f.land(stored));
    }

    @Override
    public void close() {
        onClose.run();
    }

    /**
     * @param variant the request's secondary key under the stored Vary list
     * @param found   the stored answer, fresh or not
     */
    private record Lookup(List<String> variant, Optional<CachedResponse> found) {
        boolean isFresh(Instant now) {
            return found.isPresent() && found.get().isFresh(now);
        }
    }
}
