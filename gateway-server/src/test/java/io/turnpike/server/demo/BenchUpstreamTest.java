package io.turnpike.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BenchUpstreamTest {

    private final WebServer server = BenchUpstream.start(0);
    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @AfterEach
    void stop() {
        server.stop();
        client.close();
    }

    private HttpResponse<byte[]> send(String method, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.ofString("ignored")).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void answersEveryMethodAndPathWithTheSameJsonOfAboutAHundredBytes() throws Exception {
        for (String[] request : List.of(new String[] {"GET", "/"}, new String[] {"POST", "/a/b?c=d"}, new String[] {"PUT", "/x"})) {
            HttpResponse<byte[]> response = send(request[0], request[1]);

            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(new String(BenchUpstream.BODY, StandardCharsets.US_ASCII),
                    new String(response.body(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void answersAJsonBodyOfExactlyTheSizeAsked() throws Exception {
        WebServer sized = BenchUpstream.start(0, 16 * 1024);
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sized.port() + "/big"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());

            assertEquals(16 * 1024, response.body().length);
            assertEquals(16 * 1024 - 10, new ObjectMapper().readTree(response.body()).get("pad").asText().length());
        } finally {
            sized.stop();
        }
    }

    @Test
    void refusesABodyTooSmallForItsJson() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> BenchUpstream.start(0, 15));

        assertEquals("the body must be at least 16 bytes, got 15", refused.getMessage());
    }

    @Test
    void theAnswerIsFramedByContentLengthLikeNginxsNotChunked() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/");

        assertEquals(String.valueOf(BenchUpstream.BODY.length), response.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(102, BenchUpstream.BODY.length);
    }
}
