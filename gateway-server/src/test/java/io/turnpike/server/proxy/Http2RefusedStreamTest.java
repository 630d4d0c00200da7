package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2DataFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Error;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2FrameStream;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2HeadersFrame;
import io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil;
import io.turnpike.server.testkit.FrameLevelHttp2Service;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP/2 upstream that refuses streams ({@code REFUSED_STREAM}): by RFC 9113 section 8.7 it processed none of
 * such a request, so the gateway may send it again whatever its method, as it does after a refused connection.
 * The upstream is driven frame by frame ({@link FrameLevelHttp2Service}), as no server library lets a test
 * choose which streams it refuses.
 */
class Http2RefusedStreamTest {

    @TempDir
    Path dir;

    private FrameLevelHttp2Service service;
    /** How many more streams the service refuses before it answers. */
    private final AtomicInteger refusalsLeft = new AtomicInteger(1);
    private final AtomicInteger streamsSeen = new AtomicInteger();
    private TestGateway gateway;

    @BeforeEach
    void start() throws Exception {
        service = FrameLevelHttp2Service.start(RefuseThenAnswer::new);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        service.close();
    }

    /** Refuses a stream on its fields while refusals are left; answers the others once the request has ended. */
    private final class RefuseThenAnswer extends ChannelInboundHandlerAdapter {

        private final Set<Http2FrameStream> refused = ConcurrentHashMap.newKeySet();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                if (message instanceof Http2HeadersFrame fields && fields.headers().method() != null) {
                    streamsSeen.incrementAndGet();
                    if (refusalsLeft.getAndDecrement() > 0) {
                        refused.add(fields.stream());
                        ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM).stream(fields.stream()));
                    } else if (fields.isEndStream()) {
                        answer(ctx, fields.stream());
                    }
                } else if (message instanceof Http2DataFrame data && data.isEndStream()
                        && !refused.contains(data.stream())) {
                    answer(ctx, data.stream());
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        private void answer(ChannelHandlerContext ctx, Http2FrameStream stream) {
            ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")).stream(stream));
            ctx.writeAndFlush(new DefaultHttp2DataFrame(
                    Unpooled.copiedBuffer("answered", StandardCharsets.US_ASCII), true).stream(stream));
        }
    }

    private void startGateway(int maxRetries) throws IOException {
        gateway = TestGateway.start("""
                upstreams:
                  orders:
                    targets: [{url: "http://127.0.0.1:%d"}]
                    http2: true
                    retries: {max-retries: %d}
                routes:
                  - id: orders
                    match: {path: /orders/**}
                    upstream: orders
                """.formatted(service.port(), maxRetries), Files.createDirectories(dir.resolve("plugins")), dir);
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) {
        return TestGateway.send(HttpRequest.newBuilder(gateway.uri("/orders/new")).POST(body).build());
    }

    @Test
    void aPostWhoseStreamWasRefusedIsSentAgain() throws IOException {
        startGateway(1);

        HttpResponse<String> response = post(HttpRequest.BodyPublishers.noBody());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("answered", response.body());
        assertEquals(2, streamsSeen.get(), "the refused stream, then the one that was answered");
    }

    @Test
    void aRefusedPostWhoseBodyWasAlreadyStreamedIsNotSentAgain() throws IOException {
        // the body rule of every retry: a streamed body is not buffered to be sent twice
        startGateway(1);

        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString("one order"));

        assertEquals(502, response.statusCode());
        assertEquals(1, streamsSeen.get());
    }

    @Test
    void withRetriesOffARefusedStreamIsAnswered502() throws IOException {
        startGateway(0);

        HttpResponse<String> response = post(HttpRequest.BodyPublishers.noBody());

        assertEquals(502, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("The upstream refused the request."), response.body());
        assertEquals(1, streamsSeen.get());
    }
}
