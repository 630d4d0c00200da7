package io.turnpike.plugins.responsecache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

import io.turnpike.api.Consumer;
import io.turnpike.api.Exchange;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;

/** Derives cache keys from requests, and secondary keys from the request headers a {@code Vary} names. */
final class Keys {

    private Keys() {
    }

    static PrimaryKey primary(Exchange exchange, Request request) {
        return new PrimaryKey(exchange.routeId(), request.method(), host(request), request.path(),
                sortedQuery(request.query()), caller(exchange, request));
    }

    /** @return the request's URL on its route, as {@link PrimaryKey#resource()} has it for a stored answer */
    static PrimaryKey.Resource resource(Exchange exchange, Request request) {
        return new PrimaryKey.Resource(exchange.routeId(), host(request), request.path(), sortedQuery(request.query()));
    }

    private static String host(Request request) {
        return request.headers().first("Host").orElse("").toLowerCase(Locale.ROOT);
    }

    /**
     * Whose answer it is: the consumer, and on a request that still carries {@code Authorization} a digest of
     * it too. A route's anonymous consumer stands for every caller the gateway did not recognise, so an
     * {@code Authorization} it forwards unchecked would otherwise let one guest's answer reach another guest.
     * (Bypass passes such requests on routes without any consumer.)
     */
    private static String caller(Exchange exchange, Request request) {
        Optional<String> consumer = exchange.consumer().map(Consumer::name).map(name -> "consumer:" + name);
        if (consumer.isEmpty()) {
            return PrimaryKey.ANONYMOUS;
        }
        List<String> authorization = request.headers().all("Authorization");
        return authorization.isEmpty() ? consumer.get()
                : consumer.get() + " credential:" + sha256(String.join("\n", authorization));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Parameters sorted by name, so {@code ?a=1&b=2} and {@code ?b=2&a=1} share an entry; the sort is stable. */
    static String sortedQuery(String query) {
        if (query.isEmpty()) {
            return query;
        }
        String[] pairs = query.split("&");
        Arrays.sort(pairs, Comparator.comparing(Keys::name));
        return String.join("&", pairs);
    }

    private static String name(String pair) {
        int eq = pair.indexOf('=');
        return eq < 0 ? pair : pair.substring(0, eq);
    }

    /**
     * The header names a response's {@code Vary} lists, lower case, sorted, without repeats.
     *
     * @return the names; {@code ["*"]} when the answer varies on something outside the request headers
     */
    static List<String> varyNames(Headers response) {
        TreeSet<String> names = new TreeSet<>();
        for (String field : response.all("Vary")) {
            for (String name : field.split(",")) {
                String trimmed = name.strip().toLowerCase(Locale.ROOT);
                if (trimmed.equals("*")) {
                    return List.of("*");
                }
                if (!trimmed.isEmpty()) {
                    names.add(trimmed);
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * The request's values of the headers a {@code Vary} names: the secondary key. An absent header and an
     * empty one differ.
     */
    static List<String> variant(List<String> varyNames, Headers request) {
        List<String> values = new ArrayList<>(varyNames.size());
        for (String name : varyNames) {
            List<String> all = request.all(name);
            values.add(all.isEmpty() ? "" : "=" + String.join(", ", all));
        }
        return List.copyOf(values);
    }
}
