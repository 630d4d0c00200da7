package io.turnpike.server.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of the segment trie that holds template and prefix routes. Immutable once built.
 *
 * @param <R> the type of route target
 */
final class TrieNode<R> {

    /** Receives each route whose pattern takes the path, in no particular order. */
    interface Visitor<R> {
        void visit(CompiledRoute<R> route);
    }

    private final Map<String, TrieNode<R>> literals;
    /** The {@code {name}} child, or null: a null check is cheaper than an Optional on every request. */
    private final TrieNode<R> param;
    /** Template routes whose last segment is this node. */
    private final List<CompiledRoute<R>> endRoutes;
    /** Prefix routes whose {@code /**} follows this node. */
    private final List<CompiledRoute<R>> prefixRoutes;

    private TrieNode(Map<String, TrieNode<R>> literals, TrieNode<R> param,
                     List<CompiledRoute<R>> endRoutes, List<CompiledRoute<R>> prefixRoutes) {
        this.literals = literals;
        this.param = param;
        this.endRoutes = endRoutes;
        this.prefixRoutes = prefixRoutes;
    }

    /**
     * Visits every route whose pattern takes the path, walking both the literal and the parameter branch
     * at each segment: the cost grows with the path's depth, not with the number of routes.
     *
     * @param segments the path's segments
     * @param depth    how many segments lead to this node
     * @param visitor  receives the routes
     */
    void collect(String[] segments, int depth, Visitor<R> visitor) {
        visitAll(prefixRoutes, visitor);
        if (depth == segments.length) {
            visitAll(endRoutes, visitor);
            return;
        }
        String segment = segments[depth];
        TrieNode<R> literal = literals.get(segment);
        if (literal != null) {
            literal.collect(segments, depth + 1, visitor);
        }
        if (param != null && !segment.isEmpty()) {
            param.collect(segments, depth + 1, visitor);
        }
    }

    private static <R> void visitAll(List<CompiledRoute<R>> routes, Visitor<R> visitor) {
        for (int i = 0; i < routes.size(); i++) {
            visitor.visit(routes.get(i));
        }
    }

    /** Collects routes into a mutable tree, then freezes it. Not thread-safe; use once. */
    static final class Builder<R> {

        private final Map<String, Builder<R>> literals = new HashMap<>();
        private Builder<R> param;
        private final List<CompiledRoute<R>> endRoutes = new ArrayList<>();
        private final List<CompiledRoute<R>> prefixRoutes = new ArrayList<>();

        void add(CompiledRoute<R> route) {
            Builder<R> node = this;
            for (RoutePattern.Segment segment : route.pattern().segments()) {
                if (!segment.param()) {
                    node = node.literals.computeIfAbsent(segment.text(), text -> new Builder<>());
                    continue;
                }
                if (node.param == null) {
                    node.param = new Builder<>();
                }
                node = node.param;
            }
            if (route.pattern().kind() == RoutePattern.Kind.PREFIX) {
                node.prefixRoutes.add(route);
            } else {
                node.endRoutes.add(route);
            }
        }

        TrieNode<R> build() {
            Map<String, TrieNode<R>> children = new HashMap<>();
            literals.forEach((text, child) -> children.put(text, child.build()));
            return new TrieNode<>(Map.copyOf(children), param == null ? null : param.build(),
                    List.copyOf(endRoutes), List.copyOf(prefixRoutes));
        }
    }
}
