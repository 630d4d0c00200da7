package io.turnpike.server.observability;

import java.net.InetAddress;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One request, once answered: what the access log writes and the metrics count.
 *
 * @param timeMillis     when the request arrived, in milliseconds since the epoch
 * @param requestId      its {@code X-Request-Id}
 * @param client         the client's address (behind trusted proxies, the one they name)
 * @param method         the method
 * @param path           the path as routed (normalised), without the query, which may hold credentials
 * @param status         the status sent (for a gRPC call the gateway answered itself, the HTTP status it decided)
 * @param bytes          the body bytes sent, or -1 when the answer was cut short
 * @param durationNanos  from the request's arrival to the end of its answer
 * @param route          the route's id, or null when none matched
 * @param upstream       the target that answered last (after retries), or null when none was asked
 * @param upstreamNanos  from sending to that target to its answer's head, or -1
 * @param consumer       the authenticated consumer's name, or null
 * @param grpcStatus     for a gRPC call, its gRPC status code ({@code 0} is OK), or null
 */
public record CompletedRequest(long timeMillis, String requestId, InetAddress client, String method, String path, int status,
                          long bytes, long durationNanos, String route, String upstream, long upstreamNanos,
                          String consumer, String grpcStatus) {

    /** gRPC's codes run from OK (0) to UNAUTHENTICATED (16). */
    private static final int MAX_GRPC_CODE = 16;
    private static final int GRPC_UNKNOWN = 2;
    /** The semantic conventions' methods; any other is counted as {@code _OTHER}, so clients cannot add series. */
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    /** @return the method as metrics count it: one of the nine standard ones, or {@code _OTHER} */
    public String methodLabel() {
        return KNOWN_METHODS.contains(method) ? method : "_OTHER";
    }

    /**
     * The gRPC status as metrics and traces carry it: one of gRPC's seventeen codes, so that no upstream can
     * add series. A status that is none of them counts as {@code UNKNOWN} (2), as gRPC clients take it.
     *
     * @return the code, or empty when the request was no gRPC call
     */
    public OptionalInt grpcStatusCode() {
        if (grpcStatus == null) {
            return OptionalInt.empty();
        }
        try {
            int code = Integer.parseInt(grpcStatus.strip());
            return OptionalInt.of(code >= 0 && code <= MAX_GRPC_CODE ? code : GRPC_UNKNOWN);
        } catch (NumberFormatException e) {
            return OptionalInt.of(GRPC_UNKNOWN);
        }
    }
}
