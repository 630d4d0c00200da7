package io.turnpike.plugins.support;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

import io.turnpike.api.Headers;

/** Claims of a token, handed to the upstream as header fields. */
public final class ClaimHeaders {

    private ClaimHeaders() {
    }

    /**
     * Sets each header from its claim. The client's own copies of these headers go first, whether or not the
     * token has the claim, so only the token can set them. A list is joined with {@code ,}; a value that cannot
     * travel as a header (CR, LF, NUL) is left out, not half-sent.
     *
     * @param headers the request's headers, changed in place
     * @param forward header name by claim name
     * @param claims  a claim's value by its name, null when the token has none
     */
    public static void forward(Headers.Builder headers, Map<String, String> forward, Function<String, Object> claims) {
        forward.forEach((claim, header) -> {
            headers.remove(header);
            Object value = claims.apply(claim);
            if (value == null) {
                return;
            }
            String text = value instanceof Collection<?> list
                    ? String.join(",", list.stream().map(String::valueOf).toList())
                    : String.valueOf(value);
            try {
                headers.set(header, text);
            } catch (IllegalArgumentException unsendable) {
                headers.remove(header);
            }
        });
    }
}
