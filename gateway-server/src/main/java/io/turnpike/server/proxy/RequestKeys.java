package io.turnpike.server.proxy;

import java.util.Optional;
import java.util.UUID;

import io.helidon.http.SetCookie;
import io.turnpike.api.Exchange;
import io.turnpike.api.Request;
import io.turnpike.server.config.Balancing;
import io.turnpike.server.config.HashOnConfig;
import io.turnpike.server.config.UpstreamConfig;

/**
 * What a {@code consistent-hash} upstream places each request by ({@code hash-on}), and the cookie it gives a client
 * that has none, so that the client's next requests reach the same target (Kong's {@code hash_on: cookie}).
 * Upstreams that balance otherwise get {@link #NONE}, at no cost per request.
 */
abstract sealed class RequestKeys {

    /** The key of a request to an upstream that places requests by no key. */
    static final Key NO_KEY = new Key(0, Optional.empty());
    /** For upstreams that balance by anything but a hash. */
    static final RequestKeys NONE = new None();

    /**
     * A request's place.
     *
     * @param hash   the hash of its key
     * @param cookie a {@code Set-Cookie} value for the answer, when the client had no cookie to be placed by
     */
    record Key(long hash, Optional<String> cookie) {
    }

    /**
     * @param config an upstream's config
     * @return how its requests are keyed
     */
    static RequestKeys of(UpstreamConfig config) {
        return config.balancing() == Balancing.CONSISTENT_HASH ? new Hashed(config.hashing()) : NONE;
    }

    /**
     * @param exchange what is known of the request: its client and consumer
     * @param request  the request as the route's plugins passed it on
     * @return its key
     */
    abstract Key of(Exchange exchange, Request request);

    private static final class None extends RequestKeys {

        @Override
        Key of(Exchange exchange, Request request) {
            return NO_KEY;
        }
    }

    private static final class Hashed extends RequestKeys {

        private final HashOnConfig hashOn;

        Hashed(HashOnConfig hashOn) {
            this.hashOn = hashOn;
        }

        @Override
        Key of(Exchange exchange, Request request) {
            return switch (hashOn.by()) {
                case "consumer" -> key(exchange.consumer().filter(consumer -> !exchange.guest())
                        .map(consumer -> "consumer " + consumer.name())
                        .orElseGet(() -> address(exchange)));
                case "header" -> key(request.headers().first(hashOn.header()).orElseGet(() -> address(exchange)));
                case "query" -> key(request.queryParam(hashOn.query()).orElseGet(() -> address(exchange)));
                case "path" -> key(request.path());
                case "cookie" -> cookie(exchange, request);
                default -> key(address(exchange));
            };
        }

        private Key cookie(Exchange exchange, Request request) {
            Optional<String> value = Cookies.first(request.headers(), hashOn.cookie());
            if (value.isPresent()) {
                return key(value.get());
            }
            String issued = UUID.randomUUID().toString();
            String setCookie = SetCookie.builder(hashOn.cookie(), issued)
                    .path(hashOn.issuedCookiePath())
                    .httpOnly(true)
                    .secure("https".equals(exchange.scheme()))
                    .sameSite(SetCookie.SameSite.LAX)
                    .build()
                    .text();
            return new Key(KeyHash.of(issued), Optional.of(setCookie));
        }

        private static String address(Exchange exchange) {
            return exchange.clientAddress().getHostAddress();
        }

        private static Key key(String key) {
            return new Key(KeyHash.of(key), Optional.empty());
        }
    }
}
