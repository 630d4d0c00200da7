package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.socket.SocketChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Error;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2FrameStream;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2HeadersFrame;
import io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.FrameLevelHttp2Service;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP/2 upstream that sends {@code GOAWAY} (RFC 9113 section 6.8) processes the streams up to the last one
 * it names, and no other: those go on to their answers, the later ones are sent again on another connection
 * whatever their method, and no new call goes to the connection. Helidon's own client closes the connection
 * at the frame, failing every call on it. The upstream is driven frame by frame ({@link FrameLevelHttp2Service}),
 * as a test must choose when the frame goes out and which stream it names.
 */
class Http2GoAwayTest {

    @TempDir
    Path dir;

    private FrameLevelHttp2Service service;
    private TestGateway gateway;
    /** The callers, a thread each: a test holds one call while it sends the next. */
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        if (gateway != null) {
            gateway.close();
        }
        if (service != null) {
            service.close();
        }
    }

    /** A request as the service received it: on which of its connections (counted from 1), and on which stream. */
    private record Call(int connection, ChannelHandlerContext ctx, Http2FrameStream stream) {

        /** Says {@code GOAWAY}, naming {@code lastStreamId}, with no stream state of the codec's changed. */
        void goAway(int lastStreamId) {
            // written past the codec, which would name the last stream it saw and ignore every later one
            ChannelHandlerContext wire = ctx.pipeline().firstContext();
            new DefaultHttp2FrameWriter().writeGoAway(wire, lastStreamId, Http2Error.NO_ERROR.code(),
                    Unpooled.EMPTY_BUFFER, wire.newPromise());
            wire.flush();
        }

        void answer(String body) {
            ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")).stream(stream));
            ctx.writeAndFlush(new DefaultHttp2DataFrame(
                    Unpooled.copiedBuffer(body, StandardCharsets.US_ASCII), true).stream(stream));
        }

        /** Answers in {@code frames} DATA frames of {@code size} bytes each, ends with trailers, and closes. */
        void answerInFramesAndClose(int frames, int size) {
            ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")).stream(stream));
            for (int i = 0; i < frames; i++) {
                ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(new byte[size])).stream(stream));
            }
            // closed by a FIN, as a server that ends its side does: a close with the gateway's frames still unread
            // would be a reset, which lets the kernel drop the answer's frames before the gateway reads them
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().add("x-done", "yes"), true)
                    .stream(stream)).addListener(written -> ((SocketChannel) ctx.channel()).shutdownOutput());
        }

        int streamId() {
            return stream.id();
        }
    }

    private interface Script {
        void onRequest(Call call);
    }

    /** Hands each bodiless request to the script, and counts down {@code closed} when a connection closes. */
    private static final class Scripted extends ChannelInboundHandlerAdapter {

        private final int connection;
        private final Script script;
        private final CountDownLatch closed;

        Scripted(int connection, Script script, CountDownLatch closed) {
            this.connection = connection;
            this.script = script;
            this.closed = closed;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                if (message instanceof Http2HeadersFrame fields && fields.isEndStream()) {
                    script.onRequest(new Call(connection, ctx, fields.stream()));
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed.countDown();
        }
    }

    private final List<Call> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch connectionClosed = new CountDownLatch(1);

    private void start(Script script, int streamsPerConnection) throws Exception {
        AtomicInteger connections = new AtomicInteger();
        service = FrameLevelHttp2Service.start(() -> new Scripted(connections.incrementAndGet(), call -> {
            received.add(call);
            script.onRequest(call);
        }, connectionClosed));
        gateway = TestGateway.start("""
                upstreams:
                  orders:
                    targets: [{url: "http://127.0.0.1:%d"}]
                    http2: true
                    max-concurrent-streams: %d
                routes:
                  - id: orders
                    match: {path: /orders/**}
                    upstream: orders
                """.formatted(service.port(), streamsPerConnection), Files.createDirectories(dir.resolve("plugins")),
                dir);
    }

    private CompletableFuture<HttpResponse<String>> post(String path) {
        return CompletableFuture.supplyAsync(() -> TestGateway.send(
                HttpRequest.newBuilder(gateway.uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build()), callers);
    }

    private long callsOn(int connection) {
        return received.stream().filter(call -> call.connection() == connection).count();
    }

    @Test
    void aCallUnderWayWhenTheUpstreamGoesAwayIsStillAnswered() throws Exception {
        start(call -> {
            call.goAway(call.streamId());
            call.answer("answered while going away");
        }, 1);

        HttpResponse<String> response = post("/orders/new").join();

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("answered while going away", response.body());
        assertEquals(1, received.size(), "answered, not sent again");
    }

    @Test
    void aCallPastTheLastStreamTheUpstreamTookIsSentAgainOnAnotherConnection() throws Exception {
        CountDownLatch firstHeld = new CountDownLatch(1);
        start(call -> {
            if (call.connection() > 1) {
                call.answer("second connection");
            } else if (callsOn(1) == 1) {
                firstHeld.countDown();
            } else {
                // the first call's stream is the last this connection processes; this one is past it
                Call first = received.getFirst();
                call.goAway(first.streamId());
                first.answer("first connection");
            }
        }, 2);

        CompletableFuture<HttpResponse<String>> first = post("/orders/first");
        assertTrue(firstHeld.await(10, TimeUnit.SECONDS));
        CompletableFuture<HttpResponse<String>> second = post("/orders/second");

        assertEquals("first connection", first.join().body());
        assertEquals(200, second.join().statusCode(), second.join().body());
        assertEquals("second connection", second.join().body());
        assertEquals(2, callsOn(1), "both calls shared the first connection");
    }

    @Test
    void noNewCallGoesToAConnectionWhoseUpstreamIsGoingAway() throws Exception {
        CountDownLatch wentAway = new CountDownLatch(1);
        start(call -> {
            if (call.connection() == 1) {
                call.goAway(call.streamId());
                wentAway.countDown();
            } else {
                call.answer("second connection");
                received.getFirst().answer("first connection");
            }
        }, 2);

        CompletableFuture<HttpResponse<String>> first = post("/orders/first");
        assertTrue(wentAway.await(10, TimeUnit.SECONDS));
        // the frame may still be on its way: the next call is sent once the gateway has read it
        Eventually.await("the gateway shows the connection going away", () -> gateway.adminGet("/upstreams").body()
                .contains("\"http2\":{\"connections\":1,\"idle\":0,\"going-away\":1,\"streams\":1"));
        HttpResponse<String> second = post("/orders/second").join();

        assertEquals("second connection", second.body());
        assertEquals("first connection", first.join().body());
        assertEquals(1, callsOn(1), "the first connection took no call after going away");
    }

    /**
     * A service shutting down ends its last call and closes the connection at once: the answer had come in full
     * before the close, so the close fails nothing, however much of it the gateway had still to pass on.
     */
    @Test
    void anAnswerThatCameWholeBeforeTheUpstreamClosedIsPassedOnWhole() throws Exception {
        start(call -> {
            call.goAway(call.streamId());
            call.answerInFramesAndClose(4, 15_000);
        }, 1);

        HttpResponse<String> response = post("/orders/new").join();

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(60_000, response.body().length());
    }

    @Test
    void aConnectionTheUpstreamLeavesOpenAfterGoingAwayIsClosedOnceItsCallsHaveEnded() throws Exception {
        start(call -> {
            call.goAway(call.streamId());
            call.answer("answered");
        }, 1);

        assertEquals(200, post("/orders/new").join().statusCode());

        assertTrue(connectionClosed.await(10, TimeUnit.SECONDS), "the gateway closed the connection");
    }
}
