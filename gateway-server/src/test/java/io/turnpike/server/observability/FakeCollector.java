package io.turnpike.server.observability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import io.turnpike.server.testkit.TestUpstream.Reply;

/**
 * An OTLP/HTTP collector on loopback that keeps every push. The pushes are protobuf; names, attribute values
 * and the service name travel in them as plain UTF-8, and ids as raw bytes, which is what tests look for.
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

    @Override
    public void close() {
        server.close();
    }
}
