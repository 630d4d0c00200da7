package io.turnpike.server.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import io.turnpike.api.Headers;

/**
 * Chooses the route for a request.
 *
 * <p>Path patterns are matched against the {@linkplain PathNormalizer normalised} path, case-sensitively
 * and still percent-encoded ({@code %2F} inside a segment is not a separator):
 * <ul>
 *   <li>exact: {@code /health};</li>
 *   <li>template: {@code /items/{id}}, where {@code {id}} takes exactly one non-empty segment;</li>
 *   <li>prefix: {@code /api/**}, which takes {@code /api}, {@code /api/} and {@code /api/x/y} but not
 *       {@code /apix}; {@code /**} takes every path; a prefix may hold parameters: {@code /users/{id}/**}.</li>
 * </ul>
 * A trailing slash is significant for exact and template patterns: {@code /a} does not take {@code /a/},
 * nor {@code /a/} take {@code /a}.
 *
 * <p><b>Precedence.</b> The routes whose pattern takes the path are tried in this order, and the first
 * whose other conditions (methods, host, headers) all hold is chosen:
 * <ol>
 *   <li>exact patterns, then templates, then prefixes, whatever the declaration order;</li>
 *   <li>among prefixes, the one with more segments first ({@code /api/v1/**} before {@code /api/**});</li>
 *   <li>otherwise, declaration order: two templates that both take a path ({@code /a/{x}} and
 *       {@code /{y}/b} for {@code /a/b}) are tried in the order they were given.</li>
 * </ol>
 * So a route that takes the path but not the method does not hide a later route that takes both. When no
 * route is chosen but some took the path, host and headers and refused only the method, the answer is
 * {@link RouteMatch.MethodNotAllowed} with the union of their methods; otherwise {@link RouteMatch.NotFound}.
 *
 * <p><b>Cost.</b> Exact paths are one hash lookup. Other patterns sit in a trie of segments, walked along
 * the path's segments (literal and parameter branches both), so a match costs in proportion to the path's
 * depth and the routes that take it, not to the number of routes. Immutable, so safe to share between
 * threads without locks; a new config builds a new table.
 *
 * @param <R> the type of route target
 */
public final class RouteTable<R> {

    private final Map<String, List<CompiledRoute<R>>> exact;
    private final TrieNode<R> trie;
    private final List<RouteSpec<R>> inPrecedenceOrder;

    private RouteTable(Map<String, List<CompiledRoute<R>>> exact, TrieNode<R> trie,
                       List<RouteSpec<R>> inPrecedenceOrder) {
        this.exact = exact;
        this.trie = trie;
        this.inPrecedenceOrder = inPrecedenceOrder;
    }

    /**
     * Builds a table. Every error is reported, not only the first, and a route with an error is left out.
     *
     * @param specs  the routes in declaration order
     * @param errors where errors go, each as {@code routes[i].match.path: message} with {@code i} the
     *               route's index in {@code specs}
     * @param <R>    the type of route target
     * @return the table of the routes without errors
     */
    public static <R> RouteTable<R> build(List<RouteSpec<R>> specs, List<String> errors) {
        RouteCompiler<R> compiler = new RouteCompiler<>(errors);
        Map<String, List<CompiledRoute<R>>> exact = new HashMap<>();
        TrieNode.Builder<R> trie = new TrieNode.Builder<>();
        List<CompiledRoute<R>> routes = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            compiler.compile(specs.get(i), i).ifPresent(route -> {
                routes.add(route);
                if (route.pattern().kind() == RoutePattern.Kind.EXACT) {
                    exact.computeIfAbsent(route.pattern().exactPath(), path -> new ArrayList<>()).add(route);
                } else {
                    trie.add(route);
                }
            });
        }
        Map<String, List<CompiledRoute<R>>> frozen = new HashMap<>();
        exact.forEach((path, list) -> frozen.put(path, List.copyOf(list)));
        routes.sort((a, b) -> a.precedes(b) ? -1 : b.precedes(a) ? 1 : 0);
        return new RouteTable<>(Map.copyOf(frozen), trie.build(),
                routes.stream().map(CompiledRoute::spec).toList());
    }

    /**
     * Chooses the route for a request.
     *
     * @param method  the request method
     * @param host    the {@code Host} header, with or without port; null when the request has none
     * @param path    the {@linkplain NormalizedPath#path() normalised} path
     * @param headers the request headers
     * @return the route found, or why none was
     */
    public RouteMatch<R> match(String method, String host, String path, Headers headers) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(headers, "headers");
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw new IllegalArgumentException("match a normalised path, which starts with /");
        }
        Search<R> search = new Search<>(method, host, headers);
        List<CompiledRoute<R>> exactRoutes = exact.getOrDefault(path, List.of());
        for (int i = 0; i < exactRoutes.size(); i++) {
            search.visit(exactRoutes.get(i));
        }
        String[] segments = null;
        // An exact route precedes every other kind, so once one is chosen the trie cannot do better.
        if (search.best == null) {
            segments = segments(path);
            trie.collect(segments, 0, search);
        }
        if (search.best != null) {
            return new RouteMatch.Found<>(search.best.spec().target(), pathParams(search.best, segments));
        }
        if (search.methodRefused) {
            AllowedMethods<R> allowed = new AllowedMethods<>(host, headers);
            exactRoutes.forEach(allowed::visit);
            trie.collect(segments, 0, allowed);
            return new RouteMatch.MethodNotAllowed<>(allowed.methods);
        }
        return new RouteMatch.NotFound<>();
    }

    /**
     * The routes in the order they are tried: what the {@code validate} command prints. Routes left out
     * for errors are not in it. Templates of different lengths, which never take the same path, are
     * listed longer first.
     *
     * @return the routes, first tried first
     */
    public List<RouteSpec<R>> routesInPrecedenceOrder() {
        return inPrecedenceOrder;
    }

    private static String[] segments(String path) {
        int count = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                count++;
            }
        }
        String[] segments = new String[count];
        int start = 1;
        for (int i = 0; i < count; i++) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            segments[i] = path.substring(start, end);
            start = end + 1;
        }
        return segments;
    }

    private static Map<String, String> pathParams(CompiledRoute<?> route, String[] segments) {
        if (route.pattern().kind() == RoutePattern.Kind.EXACT) {
            return Map.of();
        }
        List<RoutePattern.Segment> pattern = route.pattern().segments();
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            if (pattern.get(i).param()) {
                params.put(pattern.get(i).text(), segments[i]);
            }
        }
        return params;
    }

    /** Keeps the first route in precedence order whose conditions hold. One per request. */
    private static final class Search<R> implements TrieNode.Visitor<R> {

        private final String method;
        private final String host;
        private final Headers headers;
        private CompiledRoute<R> best;
        private boolean methodRefused;

        Search(String method, String host, Headers headers) {
            this.method = method;
            this.host = host;
            this.headers = headers;
        }

        @Override
        public void visit(CompiledRoute<R> route) {
            if (best != null && !route.precedes(best) || !route.takesHostAndHeaders(host, headers)) {
                return;
            }
            if (route.takesMethod(method)) {
                best = route;
            } else {
                methodRefused = true;
            }
        }
    }

    /** Gathers the methods of the routes that take the path, host and headers: only for a 405. */
    private static final class AllowedMethods<R> implements TrieNode.Visitor<R> {

        private final String host;
        private final Headers headers;
        private final TreeSet<String> methods = new TreeSet<>();

        AllowedMethods(String host, Headers headers) {
            this.host = host;
            this.headers = headers;
        }

        @Override
        public void visit(CompiledRoute<R> route) {
            if (route.takesHostAndHeaders(host, headers)) {
                methods.addAll(route.methods());
            }
        }
    }
}
