package io.turnpike.plugins.grpctranscode;

import io.grpc.Status;

/**
 * The HTTP status for each gRPC status code, as Google's API design guide maps them ({@code google/rpc/code.proto}),
 * and as Envoy's and grpc-gateway's transcoders answer.
 */
final class HttpStatuses {

    private HttpStatuses() {
    }

    /**
     * @param code a gRPC status code other than OK
     * @return the HTTP status that means the same, 400 to 599
     */
    static int of(Status.Code code) {
        return switch (code) {
            // OK comes with an answer, never as an error; an error that claims it is the service's fault
            case OK -> 502;
            case CANCELLED -> 499;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case RESOURCE_EXHAUSTED -> 429;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
        };
    }
}
