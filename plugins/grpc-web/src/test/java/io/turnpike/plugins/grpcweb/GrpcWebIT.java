package io.turnpike.plugins.grpcweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Int32Value;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/grpc-web.md, run as written through the real gateway with the packaged plugin
 * jar (and cors beside it), in front of a real gRPC service (grpc-java). The browser is played by an
 * HTTP/1.1 client that frames its messages as gRPC-Web does; each test is one of the page's "What the
 * browser's client sees" points.
 */
class GrpcWebIT {

    private static final String APP = "https://app.example.com";
    private static final MethodDescriptor<StringValue, StringValue> GET_ORDER = method("GetOrder",
            MethodDescriptor.MethodType.UNARY, StringValue.getDefaultInstance());
    private static final MethodDescriptor<Int32Value, StringValue> LIST_ORDERS = method("ListOrders",
            MethodDescriptor.MethodType.SERVER_STREAMING, Int32Value.getDefaultInstance());

    @TempDir
    static Path dir;

    private static Server service;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        service = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(orders())
                .build()
                .start();
        String example = DocExamples.firstYamlBlock("plugins/grpc-web.md")
                .replace("http://127.0.0.1:50051", "http://127.0.0.1:" + service.getPort())
                // the gateway's metrics, to see the calls' statuses there
                + "\ntelemetry: {prometheus: {enabled: true}}\n";
        gateway = TestGateway.start(example, PluginJars.folderWith(dir.resolve("plugins"),
                PluginJars.pluginUnderTest(), PluginJars.sibling("cors")), dir);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        gateway.close();
        service.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private static <Q> MethodDescriptor<Q, StringValue> method(String name, MethodDescriptor.MethodType type,
                                                                com.google.protobuf.Message request) {
        return (MethodDescriptor<Q, StringValue>) MethodDescriptor.newBuilder(ProtoUtils.marshaller(request),
                        ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("shop.v1.Orders", name))
                .build();
    }

    /** GetOrder answers "order N", or NOT_FOUND for "missing"; ListOrders sends "order 1" to "order N". */
    private static ServerServiceDefinition orders() {
        return ServerServiceDefinition.builder("shop.v1.Orders")
                .addMethod(ServerMethodDefinition.create(GET_ORDER, ServerCalls.asyncUnaryCall((id, answer) -> {
                    if (id.getValue().equals("missing")) {
                        answer.onError(Status.NOT_FOUND.withDescription("no order missing").asRuntimeException());
                        return;
                    }
                    answer.onNext(StringValue.of("order " + id.getValue()));
                    answer.onCompleted();
                })))
                .addMethod(ServerMethodDefinition.create(LIST_ORDERS, ServerCalls.asyncServerStreamingCall(
                        (count, answer) -> {
                            for (int i = 1; i <= count.getValue(); i++) {
                                answer.onNext(StringValue.of("order " + i));
                            }
                            answer.onCompleted();
                        })))
                .build();
    }

    /** gRPC's length-prefixed message, which gRPC-Web keeps. */
    private static byte[] frame(com.google.protobuf.Message message) {
        byte[] bytes = message.toByteArray();
        return ByteBuffer.allocate(5 + bytes.length).put((byte) 0).putInt(bytes.length).put(bytes).array();
    }

    private static HttpResponse<byte[]> call(String method, String contentType, byte[] body) {
        return TestGateway.send(HttpRequest.newBuilder(gateway.uri("/shop.v1.Orders/" + method))
                .header("Content-Type", contentType)
                .header("X-Grpc-Web", "1")
                .header("Origin", APP)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The frames of a binary gRPC-Web body: messages, then the trailers frame (flag 0x80). */
    private record Frames(List<String> messages, String trailers) {

        static Frames of(byte[] body) throws InvalidProtocolBufferException {
            ByteBuffer in = ByteBuffer.wrap(body);
            List<String> messages = new ArrayList<>();
            String trailers = null;
            while (in.hasRemaining()) {
                byte flags = in.get();
                byte[] payload = new byte[in.getInt()];
                in.get(payload);
                if ((flags & 0x80) != 0) {
                    trailers = new String(payload, StandardCharsets.ISO_8859_1);
                } else {
                    messages.add(StringValue.parseFrom(payload).getValue());
                }
            }
            return new Frames(messages, trailers);
        }
    }

    /** Base64 text made of padded pieces, as the plugin sends it: decoded group by group. */
    private static byte[] fromText(byte[] text) {
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        for (int i = 0; i + 4 <= text.length; i += 4) {
            binary.writeBytes(Base64.getDecoder().decode(new String(text, i, 4, StandardCharsets.US_ASCII)));
        }
        return binary.toByteArray();
    }

    @Test
    void aUnaryCallComesBackWithItsMessageAndThenItsStatusInATrailerFrame() throws Exception {
        HttpResponse<byte[]> answer = call("GetOrder", "application/grpc-web+proto", frame(StringValue.of("7")));

        assertEquals(200, answer.statusCode());
        assertEquals("application/grpc-web+proto", answer.headers().firstValue("Content-Type").orElse(""));
        Frames frames = Frames.of(answer.body());
        assertEquals(List.of("order 7"), frames.messages());
        assertTrue(frames.trailers().contains("grpc-status:0\r\n"), frames.trailers());
    }

    @Test
    void theTextFormComesBackInBase64() throws Exception {
        byte[] request = Base64.getEncoder().encode(frame(StringValue.of("8")));

        HttpResponse<byte[]> answer = call("GetOrder", "application/grpc-web-text", request);

        assertEquals(200, answer.statusCode());
        assertEquals("application/grpc-web-text+proto", answer.headers().firstValue("Content-Type").orElse(""));
        Frames frames = Frames.of(fromText(answer.body()));
        assertEquals(List.of("order 8"), frames.messages());
        assertTrue(frames.trailers().contains("grpc-status:0\r\n"), frames.trailers());
    }

    @Test
    void aTextBodyThatIsNotBase64IsRefusedAsTheClientsMistake() {
        HttpResponse<byte[]> answer = call("GetOrder", "application/grpc-web-text",
                "not base64!".getBytes(StandardCharsets.US_ASCII));

        assertEquals(400, answer.statusCode());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void aServerStreamGivesEachMessageAndThenTheTrailerFrame() throws Exception {
        HttpResponse<byte[]> answer = call("ListOrders", "application/grpc-web+proto", frame(Int32Value.of(3)));

        Frames frames = Frames.of(answer.body());
        assertEquals(List.of("order 1", "order 2", "order 3"), frames.messages());
        assertTrue(frames.trailers().contains("grpc-status:0\r\n"), frames.trailers());
    }

    @Test
    void aFailedCallHasItsStatusAmongTheFieldsWhichThePageMayRead() {
        HttpResponse<byte[]> answer = call("GetOrder", "application/grpc-web+proto", frame(StringValue.of("missing")));

        assertEquals(200, answer.statusCode());
        assertEquals("5", answer.headers().firstValue("grpc-status").orElse(""));
        assertEquals("no order missing", answer.headers().firstValue("grpc-message").orElse(""));
        assertEquals(APP, answer.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(answer.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("Grpc-Status"),
                answer.headers().toString());
    }

    /** The gateway cannot read a gRPC-Web call's status inside its body: the plugin tells it, for its metrics. */
    @Test
    void eachCallsGrpcStatusReachesTheGatewaysMetrics() {
        long okBefore = callsCounted("0");
        long notFoundBefore = callsCounted("5");

        call("GetOrder", "application/grpc-web+proto", frame(StringValue.of("9")));
        call("GetOrder", "application/grpc-web-text", Base64.getEncoder().encode(frame(StringValue.of("10"))));
        call("GetOrder", "application/grpc-web+proto", frame(StringValue.of("missing")));

        assertEquals(2, callsCounted("0") - okBefore, "calls whose status came in the trailer frame");
        assertEquals(1, callsCounted("5") - notFoundBefore, "a call whose status came among the fields");
    }

    /** @return how many requests the gateway's Prometheus metrics count under the gRPC status code given */
    private static long callsCounted(String code) {
        return gateway.metricSum("http_server_request_duration_seconds_count", "rpc_grpc_status_code=\"" + code + "\"");
    }

    @Test
    void theBrowsersPreflightIsAnsweredByCors() {
        HttpResponse<String> answer = TestGateway.send(HttpRequest.newBuilder(gateway.uri("/shop.v1.Orders/GetOrder"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", APP)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-grpc-web")
                .build());

        assertEquals(204, answer.statusCode());
        assertEquals(APP, answer.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }

    @Test
    void aGrpcClientOnTheSameRouteIsProxiedAsAnyGrpcCall() throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
        try {
            StringValue answer = ClientCalls.blockingUnaryCall(channel, GET_ORDER,
                    io.grpc.CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), StringValue.of("9"));

            assertEquals("order 9", answer.getValue());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
