package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.turnpike.server.testkit.EchoRoute;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.SayService;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway stopping under a steady load of gRPC calls. Helidon's HTTP/2 server, stopping, tells each client that
 * none of its calls under way was processed ({@code GOAWAY} naming stream 0), so clients sent again, to wherever
 * they could, calls the service had already carried out; and a call whose message had not yet come in waited for
 * it until the drain timeout.
 */
class GrpcStopUnderLoadTest {

    private static final int CALLERS = 8;

    @TempDir
    Path dir;

    /** How many times the service carried out each call. */
    private final Map<String, AtomicInteger> carriedOut = new ConcurrentHashMap<>();
    private Server service;
    private TestGateway gateway;
    private ManagedChannel client;

    @BeforeEach
    void start() throws IOException {
        service = SayService.start((call, answer) -> {
            carriedOut.computeIfAbsent(call.getValue(), id -> new AtomicInteger()).incrementAndGet();
            try {
                // long enough that calls are always under way
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer.onNext(call);
            answer.onCompleted();
        });
        gateway = TestGateway.start("server: {drain-timeout: 5s}\n" + EchoRoute.yaml("http://127.0.0.1:"
                + service.getPort()), Files.createDirectories(dir.resolve("plugins")), dir);
        client = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        client.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        gateway.close();
        service.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * Every call the service carried out is answered; every call that fails was not carried out, so a client may
     * send it again; and the stop ends within the drain timeout.
     *
     * <p>It usually ends with the calls under way, in about a tenth of a second. Not always: Helidon keeps a
     * stream it reset (a refused call) in its connection's table, and its stop then waits for the client's next
     * frame on that connection, until its grace period ends, when the client sends none (as when this test's
     * callers have all given up). The drain timeout bounds that wait.
     */
    @Test
    void noCallIsBothCarriedOutAndFailedWhenTheGatewayStops() throws Exception {
        AtomicLong ids = new AtomicLong();
        AtomicInteger answered = new AtomicInteger();
        Queue<String> failedButCarriedOut = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            callers.add(Thread.ofVirtual().start(() -> {
                while (true) {
                    String id = "call-" + ids.incrementAndGet();
                    try {
                        ClientCalls.blockingUnaryCall(client, SayService.SAY,
                                CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), StringValue.of(id));
                        answered.incrementAndGet();
                    } catch (StatusRuntimeException e) {
                        failed.incrementAndGet();
                        if (carriedOut.containsKey(id)) {
                            failedButCarriedOut.add(id + ": " + e.getStatus());
                        }
                        return;
                    }
                }
            }));
        }
        Eventually.await("calls answered", () -> answered.get() >= 100);

        long began = System.nanoTime();
        gateway.close();
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        for (Thread caller : callers) {
            assertTrue(caller.join(Duration.ofSeconds(20)), "every caller's last call ended");
        }
        assertEquals(CALLERS, failed.get(), "each caller's calls end with the gateway");
        assertEquals(List.of(), List.copyOf(failedButCarriedOut), "failed, though the service carried them out");
        assertFalse(carriedOut.values().stream().anyMatch(times -> times.get() > 1), "a call carried out twice");
        // the timeout, the half second a cut gets, and the rest of the stop (the access log, the admin port)
        assertTrue(took.compareTo(Duration.ofSeconds(7)) < 0, "the stop outlasted the drain timeout (5 s): " + took);
    }
}
