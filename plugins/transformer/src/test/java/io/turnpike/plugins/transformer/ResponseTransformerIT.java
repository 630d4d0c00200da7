package io.turnpike.plugins.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/response-transformer.md, run as written through the real gateway with the
 * packaged plugin jar, in front of an upstream that answers as the page says; the assertions are its "What
 * clients see".
 */
class ResponseTransformerIT {

    static final String ORDER = """
            {"id": 7, "customer": {"name": "ada", "email": "ada@example.com"}, "total_cents": 4200, \
            "internal": {"shard": 3}}""";
    static final byte[] INVOICE = {'%', 'P', 'D', 'F', '-', '1', '.', '7', 0, -1, 10, 13};

    @TempDir
    static Path dir;

    private static TestUpstream upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = TestUpstream.replying(request -> request.rawPath().endsWith("/invoice")
                ? new Reply(200, Map.of("Content-Type", "application/pdf", "X-Powered-By", "Express"), INVOICE)
                : new Reply(200, Map.of("Content-Type", "application/json", "Server", "express",
                        "X-Powered-By", "Express", "X-Internal-Trace", "9f2c", "ETag", "\"v7\""),
                        ORDER.getBytes(StandardCharsets.UTF_8)));
        String example = DocExamples.firstYamlBlock("plugins/response-transformer.md")
                .replace("http://127.0.0.1:9001", upstream.url());
        gateway = TestGateway.start(example, PluginJars.folderWith(dir.resolve("plugins"),
                PluginJars.pluginUnderTest()), dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void theJsonAnswerReachesTheClientAsDocumented() {
        HttpResponse<String> answer = gateway.get("/api/orders/7");

        assertEquals(200, answer.statusCode());
        assertEquals("{\"id\":7,\"customer\":{\"name\":\"ada\"},\"totalCents\":4200,\"currency\":\"EUR\","
                + "\"api\":{\"version\":2}}", answer.body());
        assertEquals(Optional.of(Integer.toString(answer.body().getBytes(StandardCharsets.UTF_8).length)),
                answer.headers().firstValue("Content-Length"));
        assertEquals(Optional.empty(), answer.headers().firstValue("ETag"));
    }

    @Test
    void theAnswersHeadersAreEditedAsDocumented() {
        HttpResponse<String> answer = gateway.get("/api/orders/7");

        assertEquals(Optional.empty(), answer.headers().firstValue("Server"));
        assertEquals(Optional.empty(), answer.headers().firstValue("X-Powered-By"));
        assertEquals(Optional.empty(), answer.headers().firstValue("X-Internal-Trace"));
        assertEquals(Optional.of("9f2c"), answer.headers().firstValue("X-Trace-Id"));
        assertEquals(Optional.of("no-store"), answer.headers().firstValue("Cache-Control"));
        assertEquals(Optional.of("2"), answer.headers().firstValue("X-Api-Version"));
    }

    @Test
    void anAnswerOfAnotherTypeKeepsItsBodyByteForByteButNotItsHeaders() throws Exception {
        HttpResponse<byte[]> answer;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            answer = client.send(HttpRequest.newBuilder(gateway.uri("/api/orders/7/invoice")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }

        assertArrayEquals(INVOICE, answer.body());
        assertEquals(Optional.empty(), answer.headers().firstValue("X-Powered-By"));
        assertEquals(Optional.of("2"), answer.headers().firstValue("X-Api-Version"));
    }
}
