package io.turnpike.server.proxy;

import java.util.List;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.WritableHeaders;
import io.turnpike.api.Headers;

/** A request's cookies, read by Helidon's {@code Cookie} parser. */
final class Cookies {

    private Cookies() {
    }

    /**
     * @param headers a request's fields
     * @param name    a cookie's name
     * @return the cookie's first value, when the request carries it with one that is not empty
     */
    static Optional<String> first(Headers headers, String name) {
        List<String> fields = headers.all("Cookie");
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        return ServerRequestHeaders.create(WritableHeaders.create().set(HeaderNames.COOKIE, fields))
                .cookies().first(name).asOptional().filter(value -> !value.isEmpty());
    }
}
