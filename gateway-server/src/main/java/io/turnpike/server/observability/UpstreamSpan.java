package io.turnpike.server.observability;

import java.util.function.BiConsumer;

/**
 * The span of one try to reach an upstream target: a client span under the request's span, whose context is
 * what the upstream receives. A request that is retried has one per try.
 */
public interface UpstreamSpan {

    /** No tracing: nothing is recorded, and the client's own trace headers pass through unchanged. */
    UpstreamSpan NONE = new UpstreamSpan() {
        @Override
        public void propagate(BiConsumer<String, String> header) {
        }

        @Override
        public void answered(int status) {
        }

        @Override
        public void failed(String errorType) {
        }
    };

    /**
     * Writes the trace headers that make this span the parent of the upstream's work, over the client's.
     *
     * @param header sets one header on the upstream request
     */
    void propagate(BiConsumer<String, String> header);

    /**
     * Ends the span: the target answered, with its response head.
     *
     * @param status the target's status code
     */
    void answered(int status);

    /**
     * Ends the span: the try got no answer.
     *
     * @param errorType why, in a few words of low cardinality, such as {@code connect} or {@code timeout}
     */
    void failed(String errorType);
}
