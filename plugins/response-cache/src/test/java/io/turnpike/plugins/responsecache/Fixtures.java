package io.turnpike.plugins.responsecache;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.turnpike.api.AttributeKey;
import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Consumer;
import io.turnpike.api.Exchange;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.config.ConfigBinder;

/** Configs bound as the gateway binds them, a clock tests move, exchanges, and an upstream that counts. */
final class Fixtures {

    private Fixtures() {
    }

    static ResponseCacheConfig config(String yaml) {
        List<String> errors = new ArrayList<>();
        try {
            JsonNode node = new YAMLMapper().readTree(yaml.isBlank() ? "{}" : yaml);
            return new ConfigBinder().bind(node, ResponseCacheConfig.class, "config", errors)
                    .orElseThrow(() -> new AssertionError(errors));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static Settings settings(String yaml) {
        ResponseCacheConfig config = config(yaml);
        List<?> errors = ConfigCheck.errorsIn(config);
        if (!errors.isEmpty()) {
            throw new AssertionError(errors);
        }
        return Settings.of(config);
    }

    /** A route's filter on its own in-memory store, on the clock given. */
    static ResponseCacheFilter filter(String yaml, TestClock clock) {
        Settings settings = settings(yaml);
        return new ResponseCacheFilter(settings, new CaffeineCacheStore(settings.maxMemory(), clock), clock, () -> { }, CacheCounts.NONE);
    }

    static Request get(String pathAndQuery, String... headers) {
        int q = pathAndQuery.indexOf('?');
        return new Request("GET", q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                q < 0 ? "" : pathAndQuery.substring(q + 1), Headers.of(headers).with("Host", "shop.example"), Body.empty());
    }

    /** A clock that stands still until moved. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    record TestExchange(String routeId, Optional<Consumer> consumer) implements Exchange {

        static TestExchange anonymous(String routeId) {
            return new TestExchange(routeId, Optional.empty());
        }

        static TestExchange of(String routeId, String consumer) {
            return new TestExchange(routeId, Optional.of(new Consumer(consumer, Set.of())));
        }

        @Override
        public String requestId() {
            return "test";
        }

        @Override
        public InetAddress clientAddress() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public <T> Optional<T> attribute(AttributeKey<T> key) {
            return Optional.empty();
        }

        @Override
        public <T> void setAttribute(AttributeKey<T> key, T value) {
            throw new UnsupportedOperationException();
        }
    }

    /** The upstream: answers with what the function makes of the request and the hit number, and counts. */
    static final class Upstream {
        private final BiFunction<Request, Integer, Response> answer;
        private final AtomicInteger hits = new AtomicInteger();
        private final List<Request> received = new ArrayList<>();

        Upstream(BiFunction<Request, Integer, Response> answer) {
            this.answer = answer;
        }

        /** Answers 200 with the headers given and the body {@code hit <n>}, with its Content-Length. */
        static Upstream answering(String... headers) {
            return new Upstream((request, hit) -> {
                byte[] body = ("hit " + hit).getBytes();
                return new Response(200, Headers.of(headers).with("Content-Length", "" + body.length), Body.of(body));
            });
        }

        int hits() {
            return hits.get();
        }

        synchronized List<Request> received() {
            return List.copyOf(received);
        }

        Chain chain(Request request) {
            return new Chain() {
                @Override
                public Request request() {
                    return request;
                }

                @Override
                public Response proceed(Request next) {
                    int hit = hits.incrementAndGet();
                    synchronized (Upstream.this) {
                        received.add(next);
                    }
                    return answer.apply(next, hit);
                }
            };
        }
    }

    static String body(Response response) {
        return new String(response.body().bytes(1 << 20));
    }

    static String cacheStatus(Response response) {
        return response.headers().first(CacheStatus.HEADER).orElse("none");
    }
}
