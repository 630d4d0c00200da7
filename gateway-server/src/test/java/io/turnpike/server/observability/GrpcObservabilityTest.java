package io.turnpike.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.turnpike.server.testkit.EchoRoute;
import io.turnpike.server.testkit.SayService;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed gRPC call is an HTTP 200 whose status travels in its trailers. Metrics and traces carry that status
 * as {@code rpc.grpc.status_code}, or every failed call would count as a success.
 */
class GrpcObservabilityTest {

    private static final MethodDescriptor<StringValue, StringValue> SAY = SayService.SAY;

    @TempDir
    Path dir;

    private Server service;
    private FakeCollector collector;
    private ManagedChannel client;

    @BeforeEach
    void start() throws Exception {
        service = SayService.start((request, answer) -> {
            switch (request.getValue()) {
                case "nobody" -> answer.onError(Status.NOT_FOUND.asRuntimeException());
                case "broken" -> answer.onError(Status.INTERNAL.asRuntimeException());
                default -> {
                    answer.onNext(request);
                    answer.onCompleted();
                }
            }
        });
        collector = new FakeCollector();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null) {
            client.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        collector.close();
        service.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private TestGateway gateway() throws Exception {
        TestGateway gateway = TestGateway.start("""
                telemetry:
                  otlp: {endpoint: "%s", interval: 1h}
                  traces: {sample-ratio: 1}
                  prometheus: {enabled: true}
                """.formatted(collector.url()) + EchoRoute.yaml("http://127.0.0.1:" + service.getPort()),
                Files.createDirectories(dir.resolve("plugins")), dir);
        client = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
        return gateway;
    }

    /** An OK call, a NOT_FOUND and an INTERNAL one. */
    private void threeCalls() {
        CallOptions deadline = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
        ClientCalls.blockingUnaryCall(client, SAY, deadline, StringValue.of("hi"));
        assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(client, SAY, deadline, StringValue.of("nobody")));
        assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(client, SAY, deadline, StringValue.of("broken")));
    }

    @Test
    void prometheusCountsEachCallUnderItsGrpcStatus() throws Exception {
        String metrics;
        try (TestGateway gateway = gateway()) {
            threeCalls();
            metrics = gateway.adminGet("/metrics").body();
        }

        List<String> counts = metrics.lines()
                .filter(line -> line.startsWith("http_server_request_duration_seconds_count{")).toList();
        for (String code : List.of("0", "5", "13")) {
            assertTrue(counts.stream().anyMatch(line -> line.contains("rpc_grpc_status_code=\"" + code + "\"")
                    && line.contains("http_response_status_code=\"200\"") && line.endsWith(" 1")), counts::toString);
        }
    }

    @Test
    void aCallsServerSpanHasItsGrpcStatusAndIsAnErrorOnlyForTheServersFailures() throws Exception {
        try (TestGateway gateway = gateway()) {
            threeCalls();
        }

        Map<String, Boolean> errorByGrpcStatus = collector.spans().stream()
                .filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
                .collect(Collectors.toMap(GrpcObservabilityTest::grpcStatus, span -> span.getStatus().getCode()
                        == io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR));
        // NOT_FOUND is the caller's doing; INTERNAL the service's
        assertEquals(Map.of("0", false, "5", false, "13", true), errorByGrpcStatus);
    }

    private static String grpcStatus(Span span) {
        return span.getAttributesList().stream().filter(attribute -> attribute.getKey().equals("rpc.grpc.status_code"))
                .findFirst().map(KeyValue::getValue).map(value -> Long.toString(value.getIntValue())).orElse("none");
    }
}
