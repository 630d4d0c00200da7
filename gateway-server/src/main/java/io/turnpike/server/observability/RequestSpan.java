package io.turnpike.server.observability;

import java.util.function.BiConsumer;

/** One request's span: named once its route is known, handed to the upstream, ended with the answer. */
public interface RequestSpan {

    /** No tracing: nothing is recorded, and the client's own trace headers pass through unchanged. */
    RequestSpan NONE = new RequestSpan() {
        @Override
        public void routed(String routeId) {
        }

        @Override
        public void propagate(BiConsumer<String, String> header) {
        }

        @Override
        public void end(CompletedRequest request) {
        }
    };

    /** @param routeId the route the request matched */
    void routed(String routeId);

    /**
     * Writes the trace headers that make this span the parent of the upstream's work, over the client's.
     *
     * @param header sets one header on the upstream request
     */
    void propagate(BiConsumer<String, String> header);

    /** @param request the request, answered: its status, route and target become the span's attributes */
    void end(CompletedRequest request);
}
