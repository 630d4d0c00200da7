package io.turnpike.plugins.requestvalidator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.RawHttp;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/request-validator.md through the real gateway with the packaged jar, in front of a
 * real upstream on loopback: the assertions are the page's prose and tables.
 */
class RequestValidatorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER = """
            {"customer": "ada", "items": [{"sku": "AB-1234", "qty": 2}], "note": "ring twice"}""";

    @TempDir
    Path dir;

    @AutoClose
    private final TestUpstream upstream = TestUpstream.replying(request -> TestUpstream.Reply.text(200, "taken"));
    @AutoClose
    private TestGateway gateway;
    private int starts;

    /** The documented routes, with the given settings changed. */
    private void start(String... settings) {
        String yaml = "telemetry: {prometheus: {enabled: true}}\n"
                + DocExamples.firstYamlBlock("plugins/request-validator.md").replace("http://127.0.0.1:9001", upstream.url());
        for (int i = 0; i < settings.length; i += 2) {
            yaml = yaml.replace(settings[i], settings[i + 1]);
        }
        gateway = TestGateway.start(yaml, PluginJars.folderWith(dir.resolve("plugins-" + starts++), PluginJars.pluginUnderTest()), dir);
    }

    private HttpResponse<String> post(String body, String contentType) {
        return gateway.post("/orders", body.getBytes(StandardCharsets.UTF_8), "Content-Type", contentType);
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private long rejected(String route) {
        return gateway.metricSum("turnpike_plugin_request_validator_rejected_total", "turnpike_route=\"" + route + "\"");
    }

    @Test
    void aMatchingBodyReachesTheUpstreamByteForByte() {
        start();

        HttpResponse<String> response = post(ORDER, "application/json; charset=utf-8");

        assertEquals(200, response.statusCode(), response.body());
        RecordedRequest received = upstream.takeRequest();
        assertArrayEquals(ORDER.getBytes(StandardCharsets.UTF_8), received.body());
        assertEquals(0, rejected("create-order"));
    }

    @Test
    void theDocumentedFaultyOrderIsAnsweredWithItsThreeProblemsAndNeverReachesTheUpstream() {
        start();

        HttpResponse<String> response = post("""
                {"customer": "", "items": [{"sku": "AB-1234", "qty": 0}], "coupon": "X"}""", "application/json");

        assertEquals(400, response.statusCode());
        JsonNode problem = json(response);
        assertEquals("The request does not match the schema of this route: 3 problems; see errors.",
                problem.path("detail").asText());
        assertTrue(problem.path("instance").asText().startsWith("urn:request:"), problem.toString());
        assertEquals(List.of(
                        "body /coupon property 'coupon' is not defined in the schema and the schema does not allow"
                                + " additional properties",
                        "body /customer must be at least 1 characters long",
                        "body /items/0/qty must have a minimum value of 1"),
                errors(problem));
        assertEquals(0, upstream.requestCount());
        assertEquals(1, rejected("create-order"));
    }

    private static List<String> errors(JsonNode problem) {
        return problem.path("errors").valueStream()
                .map(error -> error.path("in").asText() + " " + error.path("pointer").asText() + " "
                        + error.path("detail").asText())
                .sorted()
                .toList();
    }

    @Test
    void aMissingRequiredMemberIsPointedAtWhereItBelongs() {
        start();

        JsonNode problem = json(post("{\"items\": [{\"sku\": \"AB-1234\", \"qty\": 1}]}", "application/json"));

        assertEquals(List.of("body /customer required property 'customer' not found"), errors(problem));
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWithWhereItBreaks() {
        start();

        HttpResponse<String> broken = post("{\"customer\": \"ada\",}", "application/json");
        HttpResponse<String> trailing = post(ORDER + " {}", "application/json");

        assertEquals(400, broken.statusCode());
        assertTrue(json(broken).path("detail").asText().startsWith("The request body is not valid JSON: Unexpected"
                + " character"), broken.body());
        assertTrue(json(broken).path("detail").asText().contains("(line 1, column 20)"), broken.body());
        assertEquals(400, trailing.statusCode(), "something after the JSON value is no JSON body");
        assertEquals(0, upstream.requestCount());
        assertEquals(2, rejected("create-order"));
    }

    @Test
    void aPostWithoutABodyIsToldOneIsRequired() {
        start();

        JsonNode problem = json(gateway.post("/orders", new byte[0]));

        assertEquals(List.of("body  a JSON body is required"), errors(problem));
    }

    @Test
    void anotherMediaTypeIsAnswered415() {
        start();

        HttpResponse<String> response = post(ORDER, "text/plain");

        assertEquals(415, response.statusCode());
        assertEquals("This route takes a body of type application/json, not text/plain.",
                json(response).path("detail").asText());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void aVendorJsonTypeIsJsonButOthersAreRefusedWhenContentTypesAreListed() {
        start();
        assertEquals(200, post(ORDER, "application/vnd.orders.v2+json").statusCode());
        gateway.close();

        start("        config:\n          body-schema:", "        config:\n          content-types: [application/json]\n"
                + "          body-schema:");
        assertEquals(415, post(ORDER, "application/vnd.orders.v2+json").statusCode());
        assertEquals(200, post(ORDER, "application/json").statusCode());
    }

    @Test
    void aBodyOverTheBoundIsAnswered413BeforeTheUpstreamIsCalled() {
        start("        config:\n          body-schema:", "        config:\n          max-body-bytes: 64\n"
                + "          body-schema:");

        assertEquals(413, post(ORDER, "application/json").statusCode());
        assertEquals(0, upstream.requestCount());
        assertEquals(1, rejected("create-order"));
    }

    @Test
    void queryParametersAreTakenForTheNumbersTheySpell() {
        start();

        assertEquals(200, gateway.get("/orders?limit=20&status=open", "X-Api-Version", "2").statusCode());
        assertEquals(List.of("query /limit must have a maximum value of 100"),
                errors(json(gateway.get("/orders?limit=500", "X-Api-Version", "2"))));
        assertEquals(List.of("query /limit string found, integer expected"),
                errors(json(gateway.get("/orders?limit=ten", "X-Api-Version", "2"))));
        assertEquals(1, upstream.requestCount());
    }

    @Test
    void unknownQueryParametersAndMissingHeadersAreListedTogether() {
        start();

        JsonNode problem = json(gateway.get("/orders?page=2"));

        assertEquals(List.of("header /x-api-version required property 'x-api-version' not found",
                "query /page property 'page' is not defined in the schema and the schema does not allow additional"
                        + " properties"), errors(problem));
        assertEquals(1, rejected("list-orders"));
    }

    @Test
    void aQueryStringThatIsNotPercentEncodingNeverReachesTheUpstream() {
        start();

        int status = RawHttp.status(gateway.port(), "GET /orders?status=%ZZ HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Api-Version: 2\r\nConnection: close\r\n\r\n");

        assertEquals(400, status, "the gateway's own parser refuses it, before any plugin");
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void withoutVerboseTheAnswerSaysOnlyHowManyProblemsThereAre() {
        start("        config:\n          body-schema:", "        config:\n          verbose: false\n"
                + "          body-schema:");

        JsonNode problem = json(post("{\"customer\": \"\", \"items\": []}", "application/json"));

        assertEquals("The request does not match the schema of this route: 2 problems.", problem.path("detail").asText());
        assertTrue(problem.path("errors").isMissingNode(), problem.toString());
    }

    @Test
    void aChunkedBodyIsCheckedAsWhole() throws Exception {
        start();
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(ORDER.getBytes(StandardCharsets.UTF_8))))
                .build();

        HttpResponse<String> response = TestGateway.send(request);

        assertEquals(200, response.statusCode(), response.body());
        assertArrayEquals(ORDER.getBytes(StandardCharsets.UTF_8), upstream.takeRequest().body());
    }

    @Test
    void aSchemaFileBesideTheConfigIsReadAndAppliedAsThePagesInlineOneIs() throws Exception {
        Files.writeString(dir.resolve("order.schema.yaml"), """
                type: object
                required: [customer, items]
                properties:
                  customer: {type: string, minLength: 1}
                """);
        String yaml = "upstreams:\n  orders: {targets: [{url: \"" + upstream.url() + "\"}]}\n"
                + "routes:\n  - id: create-order\n    match: {path: /orders, methods: [POST]}\n    upstream: orders\n"
                + "    plugins: [{name: request-validator, config: {body-schema-file: order.schema.yaml}}]\n";
        gateway = TestGateway.start(yaml, PluginJars.folderWith(dir.resolve("plugins-file"), PluginJars.pluginUnderTest()),
                dir);

        assertEquals(200, post(ORDER, "application/json").statusCode());
        assertEquals(List.of("body /items required property 'items' not found"),
                errors(json(post("{\"customer\": \"ada\"}", "application/json"))));
    }
}
