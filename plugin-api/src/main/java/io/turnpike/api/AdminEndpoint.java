package io.turnpike.api;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An HTTP endpoint a plugin adds to the gateway's admin listener, such as a cache's {@code DELETE /cache}.
 * Declared by {@link GatewayPlugin#adminEndpoints()} and mounted once, when the gateway starts.
 *
 * <p>A path is literal segments and whole-segment parameters in braces: {@code /cache} or
 * {@code /cache/{route-id}}. The gateway refuses to start when two plugins' endpoints, or a plugin's and
 * one of its own ({@code /health}, {@code /routes}, ...), could match the same request, and names both.
 *
 * <pre>{@code
 * public List<AdminEndpoint> adminEndpoints() {
 *     return List.of(new AdminEndpoint("DELETE", "/cache/{route-id}",
 *             (request, params) -> json(200, "{\"purged\": " + store.purge(params.get("route-id")) + "}")));
 * }
 * }</pre>
 *
 * @param method  the HTTP method, upper case, such as {@code DELETE}
 * @param path    the path pattern, starting with {@code /}
 * @param handler what answers a matching request
 */
public record AdminEndpoint(String method, String path, Handler handler) {

    private static final Pattern METHOD = Pattern.compile("[A-Z]+");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+|\\{[a-z][a-z0-9-]*}");

    /** Checks the method and the path pattern. */
    public AdminEndpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        if (!METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("an admin endpoint's method must be upper-case letters: " + method);
        }
        if (!path.startsWith("/") || path.length() < 2) {
            throw new IllegalArgumentException("an admin endpoint's path must start with / and name something: " + path);
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("admin endpoint path " + path + " has an invalid segment '" + segment
                        + "': use letters, digits, . _ ~ - or a whole-segment {parameter}");
            }
        }
    }

    /**
     * Answers one admin request. Runs on the admin listener's virtual threads, concurrently with requests
     * on the proxy port, so what it touches must be thread-safe.
     *
     * <p>Throw {@link ProblemException} to refuse the request with a problem answer; any other exception
     * is logged with the plugin's name and answered 500.
     */
    @FunctionalInterface
    public interface Handler {

        /**
         * Handles one request.
         *
         * @param request        the admin request; its body streams and is the handler's to read or ignore
         * @param pathParameters the values of the path's {@code {parameters}}, by name, percent-decoded
         * @return the answer
         * @throws Exception on failure; the gateway answers 500
         */
        Response handle(Request request, Map<String, String> pathParameters) throws Exception;
    }
}
