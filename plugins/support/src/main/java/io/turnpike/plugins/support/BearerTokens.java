package io.turnpike.plugins.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Headers;

/** Bearer tokens in requests (RFC 6750): how the plugins that check them find them, and what they answer. */
public final class BearerTokens {

    /** RFC 6750, 3.1: what a 401 for a presented token that failed says, without saying which check failed. */
    public static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";
    /** The challenge of a 401 that found no token. */
    public static final String CHALLENGE = "Bearer";
    /** The field the tokens come in. */
    public static final String AUTHORIZATION = "Authorization";
    /** The detail of a 403 for a valid token without a scope the route requires. */
    public static final String MISSING_SCOPE = "The token lacks a scope this route requires.";

    /** RFC 6749's scope-token, which also keeps the 403's quoted {@code scope="..."} well formed. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private static final String SCHEME = "Bearer ";

    private BearerTokens() {
    }

    /**
     * @param scopes the scopes a route requires
     * @return the 403's challenge naming them (RFC 6750, 3.1)
     */
    public static String insufficientScope(List<String> scopes) {
        return "Bearer error=\"insufficient_scope\", scope=\"" + String.join(" ", scopes) + "\"";
    }

    /**
     * @param scopes a route's {@code scopes}, as configured
     * @return an error at {@code scopes[i]} for each that is no scope token
     */
    public static List<ConfigError> scopeProblems(List<String> scopes) {
        List<ConfigError> errors = new ArrayList<>();
        for (int i = 0; i < scopes.size(); i++) {
            String scope = scopes.get(i);
            if (scope == null || !SCOPE.matcher(scope).matches()) {
                errors.add(new ConfigError("scopes[" + i + "]",
                        "must be a scope token: printable ASCII without spaces, quotes or backslashes (RFC 6749, 3.3)"));
            }
        }
        return errors;
    }

    /**
     * @param headers a request's fields
     * @return the token of each {@code Authorization} field of the {@code Bearer} scheme, in any case, without
     *         surrounding spaces; empty when the request carries none
     */
    public static List<String> in(Headers headers) {
        return headers.all(AUTHORIZATION).stream()
                .filter(value -> value.regionMatches(true, 0, SCHEME, 0, SCHEME.length()))
                .map(value -> value.substring(SCHEME.length()).strip())
                .toList();
    }
}
