package io.turnpike.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class CompletedRequestTest {

    private static CompletedRequest withGrpcStatus(String grpcStatus) {
        return new CompletedRequest(0, "id", InetAddress.getLoopbackAddress(), "POST", "/test.Echo/Say", 200, 0, 0,
                "echo", null, -1, null, grpcStatus);
    }

    @Test
    void aRequestThatWasNoGrpcCallHasNoGrpcStatus() {
        assertEquals(OptionalInt.empty(), withGrpcStatus(null).grpcStatusCode());
    }

    @Test
    void grpcsOwnCodesAreKept() {
        assertEquals(OptionalInt.of(0), withGrpcStatus("0").grpcStatusCode());
        assertEquals(OptionalInt.of(16), withGrpcStatus("16").grpcStatusCode());
    }

    /** An upstream's status cannot add series: anything else counts as UNKNOWN, as gRPC clients take it. */
    @Test
    void anyOtherStatusCountsAsUnknown() {
        assertEquals(OptionalInt.of(2), withGrpcStatus("17").grpcStatusCode());
        assertEquals(OptionalInt.of(2), withGrpcStatus("-1").grpcStatusCode());
        assertEquals(OptionalInt.of(2), withGrpcStatus("teapot").grpcStatusCode());
    }
}
