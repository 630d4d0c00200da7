package io.turnpike.plugins.responsecache;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.turnpike.api.Headers;
import io.turnpike.api.Request;

/**
 * A client's conditional GET or HEAD against a stored answer (RFC 9110 section 13): {@code If-None-Match}
 * with the weak comparison, else {@code If-Modified-Since} against {@code Last-Modified}.
 */
final class Conditionals {

    /** The fields a 304 carries (RFC 9110 section 15.4.5), when the stored answer has them. */
    private static final List<String> NOT_MODIFIED_FIELDS =
            List.of("Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Last-Modified", "Vary");

    private Conditionals() {
    }

    /** The request as sent upstream on a miss: unconditional, so that the answer is whole and can be stored. */
    static Request unconditional(Request request) {
        Headers headers = request.headers();
        if (!headers.contains("If-None-Match") && !headers.contains("If-Modified-Since")) {
            return request;
        }
        return request.withHeaders(headers.without("If-None-Match").without("If-Modified-Since"));
    }

    /**
     * The request that asks the upstream whether a stale stored answer still holds (RFC 9111 section 4.3.1):
     * unconditional as the client sent it, then conditional on the stored answer's validators.
     *
     * @return the request, or empty when the stored answer has no validator to ask with
     */
    static Optional<Request> revalidating(Request request, CachedResponse stale) {
        Optional<String> etag = stale.headers().first("ETag");
        Optional<String> lastModified = stale.headers().first("Last-Modified");
        if (etag.isEmpty() && lastModified.isEmpty()) {
            return Optional.empty();
        }
        Headers.Builder headers = unconditional(request).headers().toBuilder();
        etag.ifPresent(tag -> headers.set("If-None-Match", tag));
        lastModified.ifPresent(date -> headers.set("If-Modified-Since", date));
        return Optional.of(request.withHeaders(headers.build()));
    }

    /**
     * The stored answer's fields updated with a 304's (RFC 9111 section 3.2): the 304's replace the stored
     * ones of the same name, except the length, which describes the stored body, and the cache's own status.
     */
    static Headers refreshed(Headers stored, Headers notModified) {
        Headers.Builder headers = stored.toBuilder();
        for (String name : notModified.names()) {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase(CacheStatus.HEADER)) {
                headers.remove(name);
                notModified.all(name).forEach(value -> headers.add(name, value));
            }
        }
        return headers.build();
    }

    /** @return whether the client already has the stored answer, so that 304 is the reply */
    static boolean notModified(Request request, CachedResponse stored) {
        if (stored.status() < 200 || stored.status() > 299) {
            return false;
        }
        List<String> ifNoneMatch = request.headers().all("If-None-Match");
        if (!ifNoneMatch.isEmpty()) {
            Optional<String> etag = stored.headers().first("ETag").map(String::strip);
            for (String field : ifNoneMatch) {
                if (field.strip().equals("*")) {
                    return true;
                }
                if (etag.isPresent() && entityTags(field).stream().anyMatch(tag -> weaklyEqual(tag, etag.get()))) {
                    return true;
                }
            }
            return false;
        }
        Optional<Instant> since = request.headers().first("If-Modified-Since").flatMap(HttpDates::parse);
        Optional<Instant> modified = stored.headers().first("Last-Modified").flatMap(HttpDates::parse);
        return since.isPresent() && modified.isPresent() && !modified.get().isAfter(since.get());
    }

    /** The stored answer's fields that belong on a 304. */
    static Headers notModifiedHeaders(Headers stored) {
        Headers.Builder headers = Headers.builder();
        stored.forEach((name, value) -> {
            if (NOT_MODIFIED_FIELDS.stream().anyMatch(name::equalsIgnoreCase)) {
                headers.add(name, value);
            }
        });
        return headers.build();
    }

    /** Entity tags of one field: {@code W/"a", "b,c"}; a comma inside quotes belongs to the tag. */
    static List<String> entityTags(String field) {
        List<String> tags = new ArrayList<>();
        int i = 0;
        while (i < field.length()) {
            int open = field.indexOf('"', i);
            if (open < 0) {
                break;
            }
            int close = field.indexOf('"', open + 1);
            if (close < 0) {
                break;
            }
            boolean weak = open >= 2 && field.startsWith("W/", open - 2);
            tags.add((weak ? "W/" : "") + field.substring(open, close + 1));
            i = close + 1;
        }
        return tags;
    }

    /** RFC 9110 section 8.8.3.2: equal opaque tags, whether or not either is weak. */
    private static boolean weaklyEqual(String one, String other) {
        return opaque(one).equals(opaque(other));
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
