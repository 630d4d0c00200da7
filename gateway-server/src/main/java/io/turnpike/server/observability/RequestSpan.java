package io.turnpike.server.observability;

import java.net.URI;

/** One request's span: named once its route is known, parent of a span per try upstream, ended with the answer. */
public interface RequestSpan {

    /** No tracing: nothing is recorded, and the client's own trace headers pass through unchanged. */
    RequestSpan NONE = new RequestSpan() {
        @Override
        public void routed(String routeId) {
        }

        @Override
        public UpstreamSpan upstream(String method, URI target, String path, int resendCount) {
            return UpstreamSpan.NONE;
        }

        @Override
        public void end(CompletedRequest request) {
        }
    };

    /** @param routeId the route the request matched */
    void routed(String routeId);

    /**
     * Starts the span of one try to reach the upstream, a child of this one.
     *
     * @param method      the request's method
     * @param target      the target tried, as {@code scheme://host:port}
     * @param path        the path sent to it, without the query (which may carry secrets)
     * @param resendCount how many tries came before this one
     * @return the try's span, to end when the target answers or the try fails
     */
    UpstreamSpan upstream(String method, URI target, String path, int resendCount);

    /** @param request the request, answered: its status, route and target become the span's attributes */
    void end(CompletedRequest request);
}
