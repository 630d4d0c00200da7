package io.turnpike.plugins.grpctranscode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.AnnotationsProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.ExtensionRegistry;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calls themselves, through the real gateway with the packaged plugin jar: metadata both ways, the
 * deadline, a service that is down, TLS to the service, and authentication in front of the transcoder.
 */
class GrpcCallsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE_KEY = "alice-key-3b1f0c9e7d";

    @TempDir
    Path dir;

    private ShopService shop;
    private TestGateway gateway;

    @BeforeEach
    void startShop() {
        shop = ShopService.start();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        shop.close();
    }

    /** A route for the gRPC names of the methods, behind key-auth, with the given plugin config lines. */
    private TestGateway start(String transcoderConfig) {
        try {
            Path plugins = PluginJars.folderWith(dir.resolve("plugins"), PluginJars.sibling("key-auth"),
                    PluginJars.pluginUnderTest());
            gateway = TestGateway.start("""
                    consumers:
                      - name: alice
                        credentials:
                          key-auth: [{key: %s}]
                    routes:
                      - id: orders-rpc
                        match: {path: /**}
                        plugins:
                          - name: key-auth
                          - name: grpc-transcode
                            config:
                    %s
                    """.formatted(ALICE_KEY, transcoderConfig.indent(14)), plugins,
                    Files.createDirectories(dir.resolve("work")));
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String shopConfig(String target) {
        return "target: " + target + "\ndescriptor-set: " + Fixtures.SHOP_SET + "\ntimeout: 1s\n";
    }

    private HttpResponse<String> ping(String text, String... namesAndValues) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri("/shop.v1.Orders/Ping"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + text + "\"}"))
                .header("Content-Type", "application/json").header("X-API-Key", ALICE_KEY);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            request.header(namesAndValues[i], namesAndValues[i + 1]);
        }
        return TestGateway.send(request.build());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void everyMethodAnswersAPostToItsGrpcName() throws Exception {
        start(shopConfig(shop.target()));

        HttpResponse<String> answer = ping("hello");

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("hello", json(answer).get("text").asText());
    }

    @Test
    void theRequestsFieldsReachTheServiceAsMetadataButForThoseOfTheHttpExchange() throws Exception {
        start(shopConfig(shop.target()));
        String binary = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});

        HttpResponse<String> answer = ping("hello", "X-Tenant", "acme", "Authorization", "Bearer t0ken",
                "X-Trace-Bin", binary, "grpc-timeout", "1S");

        JsonNode received = json(answer).get("metadata");
        assertEquals("acme", received.get("x-tenant").asText());
        assertEquals("Bearer t0ken", received.get("authorization").asText());
        assertEquals("alice", received.get("x-consumer-name").asText(), "what key-auth established");
        assertFalse(received.has("x-api-key"), "key-auth hides the credential");
        assertFalse(received.has("content-length"));
        assertFalse(received.has("host"));
        assertFalse(received.has("grpc-timeout") && received.get("grpc-timeout").asText().equals("1S"),
                "the client cannot set gRPC's own fields");
        assertEquals("eu", answer.headers().firstValue("x-shop-region").orElseThrow());
    }

    @Test
    void theGatewaysRequestIdAndTheClientsAddressReplaceWhatTheClientSent() throws Exception {
        start(shopConfig(shop.target()));

        HttpResponse<String> answer = ping("hello", "X-Forwarded-For", "203.0.113.9");

        JsonNode received = json(answer).get("metadata");
        assertEquals("127.0.0.1", received.get("x-forwarded-for").asText());
        assertEquals(answer.headers().firstValue("X-Request-Id").orElseThrow(), received.get("x-request-id").asText());
    }

    @Test
    void aCallPastItsDeadlineIsAnswered504() throws Exception {
        start(shopConfig(shop.target()).replace("timeout: 1s", "timeout: 200ms"));

        HttpResponse<String> answer = ping("hang");

        assertEquals(504, answer.statusCode(), answer.body());
        assertEquals("4", answer.headers().firstValue("grpc-status").orElseThrow());
    }

    @Test
    void aServiceThatIsDownIsAnswered503() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        start(shopConfig("127.0.0.1:" + closedPort));

        HttpResponse<String> answer = ping("hello");

        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("14", answer.headers().firstValue("grpc-status").orElseThrow());
    }

    @Test
    void aCallerWithoutCredentialsIsRefusedBeforeAnyCall() {
        start(shopConfig(shop.target()));

        HttpResponse<String> answer = TestGateway.send(HttpRequest.newBuilder(gateway.uri("/shop.v1.Orders/Ping"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertEquals(401, answer.statusCode());
    }

    @Test
    void theServiceIsReachedOverTlsTrustingTheCaFile() throws Exception {
        startOverTls("ca.pem");

        HttpResponse<String> answer = ping("over tls");

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("over tls", json(answer).get("text").asText());
    }

    @Test
    void aServiceWhoseCertificateTheCaFileDoesNotVouchForIsAnswered503() throws Exception {
        startOverTls("other-ca.pem");

        HttpResponse<String> answer = ping("over tls");

        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals("14", answer.headers().firstValue("grpc-status").orElseThrow(), "UNAVAILABLE");
    }

    @Test
    void aReloadReadsTheDescriptorSetAgain() throws Exception {
        Path set = Files.copy(Fixtures.SHOP_SET, dir.resolve("shop.pb"));
        start(shopConfig(shop.target()).replace(Fixtures.SHOP_SET.toString(), set.toString()));
        assertEquals(200, gateway.get("/v1/orders/7", "X-API-Key", ALICE_KEY).statusCode());

        writeWithoutGetOrdersRule(set);
        gateway.gateway().reload();

        HttpResponse<String> answer = gateway.get("/v1/orders/7", "X-API-Key", ALICE_KEY);
        assertEquals(405, answer.statusCode(), "GetOrder has no rule in the new set; DeleteOrder's is left");
        assertEquals("DELETE", answer.headers().firstValue("Allow").orElseThrow());
    }

    /** The shop's descriptor set as protoc would write it had GetOrder no google.api.http option. */
    private static void writeWithoutGetOrdersRule(Path set) throws IOException {
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        AnnotationsProto.registerAllExtensions(registry);
        FileDescriptorSet.Builder files = FileDescriptorSet.parseFrom(Files.readAllBytes(set), registry).toBuilder();
        for (FileDescriptorProto.Builder file : files.getFileBuilderList()) {
            for (ServiceDescriptorProto.Builder service : file.getServiceBuilderList()) {
                for (MethodDescriptorProto.Builder method : service.getMethodBuilderList()) {
                    if (method.getName().equals("GetOrder")) {
                        method.getOptionsBuilder().clearExtension(AnnotationsProto.http);
                    }
                }
            }
        }
        Files.write(set, files.build().toByteArray());
    }

    /**
     * A plugin's classes must not run once the gateway has unloaded its jar: the channel's threads stop with
     * it. Threads of the plugin's own Netty are told apart from the test service's by their class's loader.
     */
    @Test
    void noThreadOfThePluginOutlivesTheGateway() {
        start(shopConfig(shop.target()));
        assertEquals(200, ping("hello").statusCode());
        assertFalse(pluginThreads().isEmpty(), "the channel's threads run while the gateway does");

        gateway.close();
        gateway = null;

        Eventually.await("the plugin's threads to end", () -> pluginThreads().isEmpty());
    }

    private static List<String> pluginThreads() {
        ClassLoader application = GrpcCallsIT.class.getClassLoader();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getClass().getClassLoader() != null
                        && thread.getClass().getClassLoader() != application
                        && thread.getClass().getClassLoader() != ClassLoader.getPlatformClassLoader())
                .map(Thread::getName)
                .toList();
    }

    /** The service over TLS with a certificate for 127.0.0.1 that ca.pem signed, and a gateway trusting {@code ca}. */
    private void startOverTls(String ca) throws IOException {
        shop.close();
        shop = ShopService.startTls(fixture("upstream.pem"), fixture("upstream.key"));
        start(shopConfig(shop.target()) + "tls: true\nca-file: " + fixture(ca) + "\n");
    }

    /** A certificate fixture of the gateway's tests (see their tls/README.md), copied out of the test jar. */
    private Path fixture(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            try (InputStream in = TestGateway.class.getResourceAsStream("/tls/" + name)) {
                Files.copy(in, file);
            }
        }
        return file;
    }
}
