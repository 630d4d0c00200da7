package io.turnpike.plugins.hmacauth;

import static io.turnpike.plugins.hmacauth.Signatures.authorization;
import static io.turnpike.plugins.hmacauth.Signatures.hmac;
import static io.turnpike.plugins.hmacauth.Signatures.sha256Digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import io.turnpike.server.testkit.TlsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/hmac-auth.md through the real gateway, with the packaged jar loaded by PF4J;
 * the assertions are the prose under the example, and the page's shell client is run as written.
 */
class HmacAuthIT {

    private static final String SECRET = "an-invoicing-secret-for-the-test-only";
    private static final String INVOICE = "{\"customer\":\"c-17\",\"amount\":4200}";

    @TempDir
    Path dir;

    private final TestUpstream upstream = TestUpstream.ok();
    private TestGateway gateway;

    private TestGateway start(String serverSection) {
        String example = DocExamples.firstYamlBlock("plugins/hmac-auth.md").replace("http://127.0.0.1:9001",
                upstream.url());
        gateway = TestGateway.start(serverSection + example,
                PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()), dir,
                Map.of("INVOICING_SECRET", SECRET));
        return gateway;
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private static String now() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    /** The page's invoice, signed as its shell client signs it. */
    private HttpResponse<String> postInvoice(String date, String signedBody, String sentBody) {
        String digest = sha256Digest(signedBody);
        String signature = hmac("HmacSHA256", SECRET,
                "x-date: " + date + "\n@request-target: post /billing/invoices\ndigest: " + digest);
        return gateway.post("/billing/invoices", sentBody.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "X-Date", date, "Digest", digest, "Authorization",
                authorization("invoicing", "hmac-sha256", "x-date @request-target digest", signature));
    }

    @Test
    void aSignedPostReachesTheUpstreamWithItsBodyAsTheConsumerWithoutAuthorization() {
        start("");

        assertEquals(200, postInvoice(now(), INVOICE, INVOICE).statusCode());

        RecordedRequest received = upstream.takeRequest();
        assertEquals(INVOICE, new String(received.body(), StandardCharsets.UTF_8));
        assertEquals("invoicing", received.header("X-Consumer-Name"));
        assertEquals("internal", received.header("X-Consumer-Groups"));
        assertNull(received.header("Authorization"));
    }

    @Test
    void aSignedGetNeedsNoDigest() {
        start("");
        String date = now();
        String signature = hmac("HmacSHA256", SECRET, "x-date: " + date + "\n@request-target: get /billing/invoices/9");

        HttpResponse<String> response = gateway.get("/billing/invoices/9", "X-Date", date, "Authorization",
                authorization("invoicing", "hmac-sha256", "x-date @request-target", signature));

        assertEquals(200, response.statusCode());
        assertEquals("invoicing", upstream.takeRequest().header("X-Consumer-Name"));
    }

    @Test
    void anotherBodyThanTheSignedOneIsRefusedWithTheChallenge() {
        start("");

        HttpResponse<String> response = postInvoice(now(), INVOICE, INVOICE.replace("4200", "9900"));

        assertEquals(401, response.statusCode());
        assertEquals(Optional.of("hmac realm=\"turnpike\""), response.headers().firstValue("WWW-Authenticate"));
        assertTrue(response.body().contains("Invalid credentials."), response.body());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void aDateMoreThanFiveMinutesAwayIsRefused() {
        start("");
        String sixMinutesAgo = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(6));

        assertEquals(401, postInvoice(sixMinutesAgo, INVOICE, INVOICE).statusCode());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void aSignatureThatDoesNotCoverTheRequestTargetIsRefused() {
        start("");
        String date = now();
        String signature = hmac("HmacSHA256", SECRET, "x-date: " + date);

        HttpResponse<String> response = gateway.get("/billing/invoices/9", "X-Date", date,
                "Authorization", authorization("invoicing", "hmac-sha256", "x-date", signature));

        assertEquals(401, response.statusCode());
    }

    @Test
    void withoutAuthorizationTheAnswerAsksForCredentials() {
        start("");

        HttpResponse<String> response = gateway.get("/billing/invoices/9");

        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("This route needs credentials."), response.body());
    }

    @Test
    void theRequestLineOverHttp2SaysHttp2() throws Exception {
        TlsClients.copyFixtures(dir);
        start("server: {tls: {cert-file: server.pem, key-file: server.key}}\n");
        HttpClient client = TlsClients.trusting(dir, null).version(HttpClient.Version.HTTP_2).build();
        String date = now();
        String signature = hmac("HmacSHA256", SECRET, "x-date: " + date + "\n@request-target: get /billing/invoices/9"
                + "\nGET /billing/invoices/9 HTTP/2.0");

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + gateway.port() + "/billing/invoices/9"))
                .header("X-Date", date)
                .header("Authorization", authorization("invoicing", "hmac-sha256",
                        "x-date @request-target request-line", signature))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(HttpClient.Version.HTTP_2, response.version());
        assertEquals(200, response.statusCode());
    }

    @Test
    void theRequestLineOverHttp11SaysHttp11() {
        start("");
        String date = now();
        String signature = hmac("HmacSHA256", SECRET, "x-date: " + date + "\n@request-target: get /billing/invoices/9"
                + "\nGET /billing/invoices/9 HTTP/1.1");

        HttpResponse<String> response = gateway.get("/billing/invoices/9", "X-Date", date, "Authorization",
                authorization("invoicing", "hmac-sha256", "x-date @request-target request-line", signature));

        assertEquals(200, response.statusCode());
    }

    @Test
    void thePagesShellClientPostsTheInvoice() throws Exception {
        start("");
        String client = DocExamples.blockContaining("plugins/hmac-auth.md", "sh", "openssl dgst")
                .replace("http://gateway:8080", "http://127.0.0.1:" + gateway.port());
        Path script = Files.writeString(dir.resolve("client.sh"), "set -eu\n" + client);

        ProcessBuilder run = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        run.environment().put("INVOICING_SECRET", SECRET);
        Process process = run.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the client finished");

        assertEquals(0, process.exitValue(), output);
        RecordedRequest received = upstream.takeRequest();
        assertEquals("invoicing", received.header("X-Consumer-Name"), output);
        assertEquals(INVOICE, new String(received.body(), StandardCharsets.UTF_8));
    }
}
