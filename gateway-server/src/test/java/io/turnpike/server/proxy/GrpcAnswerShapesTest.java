package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2DataFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Error;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2HeadersFrame;
import io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.turnpike.server.testkit.FrameLevelHttp2Service;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers that services send and grpc-java's server never does, each reaching the caller whole, its status
 * included. The service is driven frame by frame ({@link FrameLevelHttp2Service}), because no gRPC library lets
 * a test choose the shape of its answers.
 */
class GrpcAnswerShapesTest {

    private static final MethodDescriptor<StringValue, StringValue> UPLOAD = MethodDescriptor
            .newBuilder(ProtoUtils.marshaller(StringValue.getDefaultInstance()),
                    ProtoUtils.marshaller(StringValue.getDefaultInstance()))
            .setType(MethodDescriptor.MethodType.CLIENT_STREAMING)
            .setFullMethodName("test.Files/Upload")
            .build();

    @TempDir
    Path dir;

    private FrameLevelHttp2Service service;
    private TestGateway gateway;
    private ManagedChannel client;

    /** The service, behaving as the handler says on each connection, behind the gateway, and a client of it. */
    private void start(Supplier<ChannelHandler> behaviour) throws Exception {
        service = FrameLevelHttp2Service.start(behaviour);
        gateway = TestGateway.start("""
                upstreams:
                  files:
                    targets: [{url: "http://127.0.0.1:%d"}]
                    http2: true
                routes:
                  - id: files
                    match: {path: /test.Files/**}
                    upstream: files
                """.formatted(service.port()), Files.createDirectories(dir.resolve("plugins")), dir);
        client = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        client.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        gateway.close();
        service.close();
    }

    /**
     * On a call's first fields: the answer, its end with status OK, and a reset without error, in one write, as
     * RFC 9113 section 8.1 allows and as gRPC servers do when they end a call first (grpc-go does so always).
     */
    private static final class AnswerThenReset extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                if (message instanceof Http2HeadersFrame fields && fields.headers().method() != null) {
                    var stream = fields.stream();
                    ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers()
                            .status("200").set("content-type", "application/grpc")).stream(stream));
                    ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(grpcMessage("stored")))
                            .stream(stream));
                    ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().set("grpc-status", "0"), true)
                            .stream(stream));
                    ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR).stream(stream));
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
    }

    /**
     * Once a call's request has ended: fields with a {@code Content-Length}, as nginx gives when it serves an
     * answer from a file, one message, and trailers with a status other than OK.
     */
    private static final class AnswerOfKnownLength extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                if (message instanceof Http2DataFrame data && data.isEndStream()) {
                    ByteBuffer body = grpcMessage("half of it");
                    ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers()
                            .status("200")
                            .set("content-type", "application/grpc")
                            .setInt("content-length", body.remaining())).stream(data.stream()));
                    ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body)).stream(data.stream()));
                    ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers()
                            .set("grpc-status", "8")
                            .set("grpc-message", "quota used up"), true).stream(data.stream()));
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
    }

    /** gRPC's length-prefixed message: uncompressed, its length, the protobuf bytes. */
    private static ByteBuffer grpcMessage(String value) {
        byte[] bytes = StringValue.of(value).toByteArray();
        return ByteBuffer.allocate(5 + bytes.length).put((byte) 0).putInt(bytes.length).put(bytes).flip();
    }

    private StreamObserver<StringValue> upload(BlockingQueue<Object> answers) {
        return ClientCalls.asyncClientStreamingCall(
                client.newCall(UPLOAD, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)),
                GrpcProxyTest.collectingInto(answers));
    }

    @Test
    void aCallTheServiceEndsAndResetsWithoutErrorStillGivesTheCallerItsAnswerAndStatus() throws Exception {
        start(AnswerThenReset::new);
        BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        StreamObserver<StringValue> upload = upload(answers);

        // the caller's side stays open: the service answers without waiting for its end
        upload.onNext(StringValue.of("part 1"));

        assertEquals(StringValue.of("stored"), answers.poll(10, TimeUnit.SECONDS));
        assertEquals(Status.Code.OK, answers.poll(10, TimeUnit.SECONDS));
    }

    /** Small answers of known length were once sent in one write, without reading on to their trailers. */
    @Test
    void anAnswerOfKnownLengthStillGivesTheCallerTheStatusOfItsTrailers() throws Exception {
        start(AnswerOfKnownLength::new);

        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(client, UPLOAD.toBuilder().setType(MethodDescriptor.MethodType.UNARY)
                        .build(), CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), StringValue.of("all")));

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, failure.getStatus().getCode(), failure.getStatus().toString());
        assertEquals("quota used up", failure.getStatus().getDescription());
    }
}
