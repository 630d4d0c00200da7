package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.turnpike.server.config.ConfigException;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routes[].read-timeout}: one slow endpoint (a report, an export) waits longer than the rest of its upstream,
 * without raising the upstream's {@code read-timeout} for every route.
 */
class RouteReadTimeoutTest {

    /** Holds every request until the test lets the service answer. */
    private final CountDownLatch answer = new CountDownLatch(1);

    @TempDir
    Path dir;

    @AutoClose
    private final TestUpstream slow = TestUpstream.handling(exchange -> {
        try {
            answer.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Resilience.reply(exchange, 200, "report");
    });
    @AutoClose
    private TestGateway gateway;

    private void start(String routes) {
        gateway = TestGateway.start("""
                upstreams:
                  reports:
                    targets: [{url: "%s"}]
                    read-timeout: 200ms
                    retries: {max-retries: 0}
                routes:
                %s""".formatted(slow.url(), routes.indent(2)), dir.resolve("plugins"), dir);
    }

    @Test
    void aRouteWithItsOwnReadTimeoutWaitsLongerThanItsUpstreamsOthers() {
        start("""
                - {id: export, match: {path: /reports/export}, upstream: reports, read-timeout: 10s}
                - {id: reports, match: {path: /reports/**}, upstream: reports}""");

        // the export is sent first and held; the daily report, held too, times out after the upstream's 200ms;
        // only then may the service answer, so the export has waited longer than its upstream's read-timeout
        CompletableFuture<HttpResponse<String>> export = CompletableFuture.supplyAsync(
                () -> gateway.get("/reports/export"));
        Eventually.await("the export is held at the service", () -> slow.requestCount() == 1);

        assertEquals(504, gateway.get("/reports/daily").statusCode(), "waits the upstream's 200ms");
        answer.countDown();
        assertEquals(200, export.join().statusCode(), "waits its own 10s");
    }

    @Test
    void aReadTimeoutIsPositiveAndForARouteWithAnUpstream() {
        assertEquals(List.of("routes[0].read-timeout: must be more than 0, got 0ms"), assertThrows(
                ConfigException.class, () -> start("- {id: a, match: {path: /**}, upstream: reports, read-timeout: 0s}"))
                .errors());
    }
}
