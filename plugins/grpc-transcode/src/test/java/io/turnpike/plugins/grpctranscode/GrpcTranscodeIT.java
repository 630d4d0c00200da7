package io.turnpike.plugins.grpctranscode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/grpc-transcode.md, run as written through the real gateway with the packaged
 * plugin jar, in front of the shop's gRPC service on a loopback port, with the descriptor set protoc made
 * of the page's {@code orders.proto} beside the config file, where the page's relative path finds it. Each test is one of the page's "What clients see" points.
 */
class GrpcTranscodeIT {

    static final Path DESCRIPTOR_SET = Path.of("target/test-protos/shop.pb").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static ShopService shop;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        shop = ShopService.start();
        // the config file's folder, as conf/ with the descriptor set protoc made of the page's orders.proto
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.copy(DESCRIPTOR_SET, Files.createDirectories(conf.resolve("protos")).resolve("shop.pb"));
        // with the gateway's metrics, to see the calls' statuses there
        gateway = TestGateway.start(example(shop.target()) + "\ntelemetry: {prometheus: {enabled: true}}\n",
                plugins(), conf);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        shop.close();
    }

    /** The page's configuration, with the service's port. */
    static String example(String target) {
        return DocExamples.firstYamlBlock("plugins/grpc-transcode.md").replace("127.0.0.1:50051", target);
    }

    static Path plugins() throws Exception {
        Path folder = dir.resolve("plugins");
        return Files.exists(folder) ? folder : PluginJars.folderWith(folder, PluginJars.pluginUnderTest());
    }

    private static HttpResponse<String> send(String method, String path, String json) {
        return TestGateway.send(HttpRequest.newBuilder(gateway.uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").build());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void aGetByItsRuleCallsTheMethodAndAnswersItsMessageAsJson() throws Exception {
        HttpResponse<String> answer = gateway.get("/v1/orders/7");

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(JSON.readTree("""
                {"id":"7","customer":"ada","items":["kettle","teapot"],"totalCents":"4200","status":"PLACED"}"""),
                json(answer));
        assertEquals("eu", answer.headers().firstValue("x-shop-region").orElseThrow(),
                "the service's metadata comes back as fields");
    }

    @Test
    void theQueryFillsFieldsAndTheResponseBodyRuleAnswersTheListItself() throws Exception {
        HttpResponse<String> placed = gateway.get("/v1/customers/ada/orders?status=PLACED&pageSize=10");
        HttpResponse<String> cancelledOnly = gateway.get("/v1/customers/ada/orders?status=CANCELLED");

        assertEquals(200, placed.statusCode(), placed.body());
        assertTrue(json(placed).isArray(), placed.body());
        assertEquals("7", json(placed).get(0).get("id").asText());
        assertEquals("[]", cancelledOnly.body());
    }

    @Test
    void aPostPutsItsBodyInTheFieldTheRuleNamesAndThePathSetsTheRest() throws Exception {
        HttpResponse<String> answer = send("POST", "/v1/customers/grace/orders", """
                {"items": ["mug"], "totalCents": 900}""");

        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode order = json(answer);
        assertEquals("grace", order.get("customer").asText());
        assertEquals("mug", order.get("items").get(0).asText());
        assertEquals("900", order.get("totalCents").asText());
        assertEquals("PLACED", order.get("status").asText());
    }

    @Test
    void aCustomVerbAndItsAdditionalBindingCallTheSameMethodWithTheWholeBody() throws Exception {
        HttpResponse<String> cancelled = send("POST", "/v1/orders/7:cancel", """
                {"reason": "changed my mind"}""");
        HttpResponse<String> patched = send("PATCH", "/v1/orders/7/status", """
                {"reason": "by patch"}""");

        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("CANCELLED", json(cancelled).get("status").asText());
        assertEquals("changed my mind", json(cancelled).get("cancelReason").asText());
        assertEquals("by patch", json(patched).get("cancelReason").asText());
    }

    @Test
    void anEmptyAnswerIsAnEmptyObject() {
        HttpResponse<String> answer = send("DELETE", "/v1/orders/7", "");

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("{}", answer.body());
    }

    @Test
    void theServicesErrorIsAProblemWithTheMatchingStatusAndItsMessage() throws Exception {
        HttpResponse<String> answer = gateway.get("/v1/orders/8");

        assertEquals(404, answer.statusCode());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("order 8 does not exist", json(answer).get("detail").asText());
        assertEquals("5", answer.headers().firstValue("grpc-status").orElseThrow());
    }

    @Test
    void aMethodNoRuleTakesAtAPathIsRefused405WithTheOnesThatAre() {
        HttpResponse<String> answer = send("POST", "/v1/orders/7", "{}");

        assertEquals(405, answer.statusCode());
        assertEquals("DELETE, GET", answer.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void aServerStreamIsAnsweredAsAJsonArrayOfItsMessages() throws Exception {
        HttpResponse<String> answer = gateway.get("/v1/orders/7:watch");

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElseThrow());
        JsonNode messages = json(answer);
        assertEquals(2, messages.size(), answer.body());
        assertEquals("PLACED", messages.get(0).get("status").asText());
        assertEquals("CANCELLED", messages.get(1).get("status").asText());
    }

    /** The gateway sees only the HTTP answers made of the calls: the plugin tells it their gRPC status. */
    @Test
    void eachCallsGrpcStatusReachesTheGatewaysMetrics() {
        long okBefore = callsCounted("0");
        long notFoundBefore = callsCounted("5");

        assertEquals(200, gateway.get("/v1/orders/7").statusCode());
        assertEquals(200, gateway.get("/v1/orders/7:watch").statusCode());
        assertEquals(404, gateway.get("/v1/orders/8").statusCode());

        assertEquals(2, callsCounted("0") - okBefore, "a unary call and a stream the service ended with OK");
        assertEquals(1, callsCounted("5") - notFoundBefore, "a call the service answered NOT_FOUND");
    }

    /** @return how many requests the gateway's Prometheus metrics count under the gRPC status code given */
    private static long callsCounted(String code) {
        return gateway.metricSum("http_server_request_duration_seconds_count", "rpc_grpc_status_code=\"" + code + "\"");
    }

    @Test
    void aStreamTheServiceRefusesAtOnceGetsItsStatus() {
        assertEquals(404, gateway.get("/v1/orders/8:watch").statusCode());
    }

    @Test
    void aStreamTheServiceBreaksOffMidwayBreaksOffTheAnswer() {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            assertThrows(IOException.class, () -> client.send(
                    HttpRequest.newBuilder(gateway.uri("/v1/orders/broken:watch")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void aMethodTakingAStreamOfRequestsIsAnswered501() throws Exception {
        HttpResponse<String> answer = send("POST", "/v1/orders:import", "{}");

        assertEquals(501, answer.statusCode());
        assertTrue(json(answer).get("detail").asText().startsWith("shop.v1.Orders.ImportOrders takes a stream of"
                + " requests"), answer.body());
    }

    @Test
    void aPathNoRuleTakesOnARouteWithoutUpstreamIs404() {
        HttpResponse<String> answer = gateway.get("/v1/other");

        assertEquals(404, answer.statusCode());
        assertTrue(answer.body().contains("Nothing on route 'shop-orders' answers GET /v1/other."), answer.body());
    }

    @Test
    void aBodyThatDoesNotFitTheMessageIsRefused400NamingTheField() throws Exception {
        HttpResponse<String> unknownField = send("POST", "/v1/customers/ada/orders", """
                {"items": ["mug"], "colour": "blue"}""");
        HttpResponse<String> notJson = send("POST", "/v1/customers/ada/orders", "{items: mug");
        HttpResponse<String> unknownParameter = gateway.get("/v1/customers/ada/orders?colour=blue");

        assertEquals(400, unknownField.statusCode());
        assertTrue(json(unknownField).get("detail").asText().contains("colour"), unknownField.body());
        assertEquals(400, notJson.statusCode());
        assertTrue(json(notJson).get("detail").asText().startsWith("The body is not JSON"), notJson.body());
        assertEquals(400, unknownParameter.statusCode());
        assertEquals("The query parameter 'colour' is not a field of shop.v1.ListOrdersRequest.",
                json(unknownParameter).get("detail").asText());
    }
}
