package io.turnpike.plugins.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;

/** Claims of an accepted token, handed to the upstream as header fields. */
public final class ClaimHeaders {

    private static final Pattern FIELD_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private ClaimHeaders() {
    }

    /**
     * @param forward a route's {@code forward-claims}, header name by claim name
     * @return an error at {@code forward-claims.<claim>} for each header that is no header name
     */
    public static List<ConfigError> problems(Map<String, String> forward) {
        List<ConfigError> errors = new ArrayList<>();
        forward.forEach((claim, header) -> {
            if (header == null || !FIELD_NAME.matcher(header).matches()) {
                errors.add(new ConfigError("forward-claims." + claim, "must be a header name"));
            }
        });
        return errors;
    }

    /**
     * The request as the upstream gets it once its token is accepted: each header set from its claim, and
     * {@code Authorization} gone if asked. The client's own copies of these headers go first, whether or not the
     * token has the claim, so only the token can set them. A list is joined with {@code ,}; a value that cannot
     * travel as a header (CR, LF, NUL) is left out, not half-sent.
     *
     * @param request           the request
     * @param hideAuthorization whether to remove {@code Authorization}
     * @param forward           header name by claim name
     * @param claims            a claim's value by its name, null when the token has none
     * @return the request to pass on
     */
    public static Request forwarded(Request request, boolean hideAuthorization, Map<String, String> forward,
                                    Function<String, Object> claims) {
        Headers.Builder headers = request.headers().toBuilder();
        if (hideAuthorization) {
            headers.remove(BearerTokens.AUTHORIZATION);
        }
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
        return request.withHeaders(headers.build());
    }
}
