package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Optional;

import io.turnpike.api.Body;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Response;
import io.turnpike.server.http.Problems;
import org.junit.jupiter.api.Test;

/** How an answer that is not the service's reaches a gRPC client. */
class GrpcAnswersTest {

    @Test
    void theServicesOwnAnswerPassesUntouched() {
        Response answer = new Response(200, Headers.of("Content-Type", "application/grpc"), Body.of("x"));

        assertSame(answer, GrpcAnswers.toGrpc(answer));
    }

    @Test
    void aProblemBecomesItsGrpcStatusWithTheDetailAsMessageInOneBlockOfFields() {
        Response refused = GrpcAnswers.toGrpc(Problems.response(new ProblemException(429, "Too Many Requests",
                "Slow down: 10 per second.", Headers.of("Retry-After", "3")), "r1"));

        assertEquals(200, refused.status());
        assertEquals(0, refused.body().length());
        assertEquals(Optional.of("application/grpc"), refused.headers().first("Content-Type"));
        assertEquals(Optional.of("14"), refused.headers().first("grpc-status"), "UNAVAILABLE");
        assertEquals(Optional.of("Slow%20down%3A%2010%20per%20second."), refused.headers().first("grpc-message"));
        assertEquals(Optional.of("3"), refused.headers().first("Retry-After"));
    }

    @Test
    void anAnswerThatIsNoProblemIsDescribedByItsStatus() {
        Response refused = GrpcAnswers.toGrpc(new Response(502, Headers.of("Content-Type", "text/html"),
                Body.of("<h1>bad gateway</h1>")));

        assertEquals(Optional.of("HTTP%20status%20502"), refused.headers().first("grpc-message"));
    }

    @Test
    void httpStatusesMapAsGrpcMapsThem() {
        assertEquals(16, GrpcAnswers.code(401));
        assertEquals(7, GrpcAnswers.code(403));
        assertEquals(12, GrpcAnswers.code(404));
        assertEquals(14, GrpcAnswers.code(503));
        assertEquals(13, GrpcAnswers.code(400));
        assertEquals(2, GrpcAnswers.code(413));
    }

    @Test
    void grpcsOwnContentTypesAreGrpcAndGrpcWebsAreNot() {
        assertTrue(GrpcAnswers.isGrpcType("application/grpc"));
        assertTrue(GrpcAnswers.isGrpcType("application/grpc+proto"));
        assertTrue(GrpcAnswers.isGrpcType("Application/GRPC; charset=utf-8"));
        assertFalse(GrpcAnswers.isGrpcType("application/grpc-web+proto"));
        assertFalse(GrpcAnswers.isGrpcType("application/grpc-web-text"));
        assertFalse(GrpcAnswers.isGrpcType("application/grpcx"));
        assertFalse(GrpcAnswers.isGrpcType("application/json"));
    }
}
