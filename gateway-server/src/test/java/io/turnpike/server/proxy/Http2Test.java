package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import io.turnpike.server.testkit.OrdersRoute;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import io.turnpike.server.testkit.TlsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 from clients (by ALPN over TLS, by h2c in plain HTTP), proxied to an HTTP/1.1 upstream as any request.
 */
class Http2Test {

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void start() throws Exception {
        upstream = TestUpstream.ok();
        TlsClients.copyFixtures(dir);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private void startGateway(String server) {
        gateway = TestGateway.start(server + OrdersRoute.yaml(upstream.url()), dir.resolve("plugins"), dir);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI https(String path) {
        return URI.create("https://127.0.0.1:" + gateway.port() + path);
    }

    @Test
    void aClientOfferingHttp2OverTlsGetsIt() throws Exception {
        startGateway("server: {tls: {cert-file: server.pem, key-file: server.key}}\n");
        HttpClient client = TlsClients.trusting(dir, null).version(HttpClient.Version.HTTP_2).build();

        HttpResponse<String> response = send(client, HttpRequest.newBuilder(https("/orders/7?page=2")));

        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, response.version());
        RecordedRequest seen = upstream.takeRequest();
        assertEquals("/orders/7", seen.rawPath());
        assertEquals("page=2", seen.rawQuery());
        assertEquals("127.0.0.1:" + gateway.port(), seen.header("X-Forwarded-Host"), "from the :authority");
    }

    @Test
    void aBodySentInHttp2FramesReachesTheHttp1UpstreamWhole() throws Exception {
        startGateway("server: {tls: {cert-file: server.pem, key-file: server.key}}\n");
        HttpClient client = TlsClients.trusting(dir, null).version(HttpClient.Version.HTTP_2).build();
        byte[] body = new byte[300_000];
        new Random(7).nextBytes(body);

        HttpResponse<String> response = send(client, HttpRequest.newBuilder(https("/orders"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertEquals(HttpClient.Version.HTTP_2, response.version());
        assertEquals(200, response.statusCode());
        assertArrayEquals(body, upstream.takeRequest().body());
    }

    @Test
    void aLargeAnswerStreamsBackInHttp2FramesWhole() throws Exception {
        byte[] big = new byte[2_000_000];
        new Random(11).nextBytes(big);
        upstream.close();
        upstream = TestUpstream.replying(request -> new TestUpstream.Reply(200, Map.of(), big));
        startGateway("server: {tls: {cert-file: server.pem, key-file: server.key}}\n");
        HttpClient client = TlsClients.trusting(dir, null).version(HttpClient.Version.HTTP_2).build();

        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(https("/orders/big"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(HttpClient.Version.HTTP_2, response.version());
        assertEquals(200, response.statusCode());
        assertArrayEquals(big, response.body());
    }

    @Test
    void plainHttpClientsMayUpgradeToH2c() throws Exception {
        startGateway("");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

        HttpResponse<String> first = send(client, HttpRequest.newBuilder(gateway.uri("/orders/1")));
        HttpResponse<String> second = send(client, HttpRequest.newBuilder(gateway.uri("/orders/2")));

        assertEquals(200, first.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, second.version(), "the connection switched after the first");
    }

    @Test
    void withHttp2OffClientsGetHttp11() throws Exception {
        startGateway("server: {http2: false, tls: {cert-file: server.pem, key-file: server.key}}\n");
        HttpClient client = TlsClients.trusting(dir, null).version(HttpClient.Version.HTTP_2).build();

        HttpResponse<String> response = send(client, HttpRequest.newBuilder(https("/orders/7")));

        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
    }
}
