package io.turnpike.server.observability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import io.turnpike.server.testkit.TestUpstream.Reply;

/**
 * An OTLP/HTTP collector on loopback that keeps every push. The pushes are protobuf: {@link #spans()} decodes
 * the traces with OpenTelemetry's own message classes; in every push, names, attribute values and the service
 * name also travel as plain UTF-8, which {@link #text} finds.
 */
final class FakeCollector implements AutoCloseable {

    private final List<RecordedRequest> pushes = new CopyOnWriteArrayList<>();
    private final TestUpstream server = TestUpstream.replying(push -> {
        pushes.add(push);
        return new Reply(200, Map.of("Content-Type", "application/x-protobuf"), new byte[0]);
    });

    /** @return the collector's base URL, as {@code telemetry.otlp.endpoint} takes it */
    String url() {
        return server.url();
    }

    /** @return the pushes to one signal's path, such as {@code /v1/traces}, oldest first */
    List<RecordedRequest> pushesTo(String path) {
        return pushes.stream().filter(push -> push.rawPath().equals(path)).toList();
    }

    /** @return every push to that path, as text in which names and attribute values can be found */
    String text(String path) {
        StringBuilder all = new StringBuilder();
        pushesTo(path).forEach(push -> all.append(new String(push.body(), StandardCharsets.ISO_8859_1)));
        return all.toString();
    }

    /** @return every span pushed to {@code /v1/traces}, decoded */
    List<Span> spans() {
        return pushesTo("/v1/traces").stream()
                .flatMap(push -> decode(push.body()).getResourceSpansList().stream())
                .flatMap(resource -> resource.getScopeSpansList().stream())
                .flatMap(scope -> scope.getSpansList().stream())
                .toList();
    }

    private static ExportTraceServiceRequest decode(byte[] body) {
        try {
            return ExportTraceServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the exporter pushed something that is not an OTLP trace request", e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
