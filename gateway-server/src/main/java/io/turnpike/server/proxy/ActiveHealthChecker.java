package io.turnpike.server.proxy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.turnpike.server.config.ActiveHealthCheckConfig;

/**
 * Probes every target of one upstream with a periodic {@code GET}, each target on its own schedule, one
 * probe at a time per target. Stopped when the upstream's pool closes, that is when its runtime does.
 */
final class ActiveHealthChecker implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(ActiveHealthChecker.class.getName());

    private final String upstream;
    private final ActiveHealthCheckConfig config;
    private final WebClient client;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<TargetState, ScheduledFuture<?>> probes = new ConcurrentHashMap<>();

    ActiveHealthChecker(String upstream, ActiveHealthCheckConfig config, WebClient client, List<TargetState> targets) {
        this.upstream = upstream;
        this.config = config;
        this.client = client;
        this.scheduler = new ScheduledThreadPoolExecutor(Math.max(1, targets.size()),
                Thread.ofVirtual().name("health-check-" + upstream + "-", 0).factory());
        targets.forEach(this::watch);
    }

    /** Starts probing a target: one found at start, or later in DNS. */
    void watch(TargetState target) {
        // a worker per target, as a probe blocks its worker for up to its timeout; the workers are virtual threads
        scheduler.setCorePoolSize(Math.max(scheduler.getCorePoolSize(), probes.size() + 1));
        probes.put(target, scheduler.scheduleWithFixedDelay(() -> probe(target), 0, config.interval().toMillis(),
                TimeUnit.MILLISECONDS));
    }

    /** Stops probing a target DNS no longer names. */
    void unwatch(TargetState target) {
        ScheduledFuture<?> probing = probes.remove(target);
        if (probing != null) {
            probing.cancel(false);
        }
    }

    private void probe(TargetState target) {
        boolean ok;
        String why;
        try (HttpClientResponse response = request(target).request()) {
            int status = response.status().code();
            ok = status >= 200 && status < 400;
            why = "answered " + status;
        } catch (RuntimeException e) {
            // a probe that fails in any way is a failed probe; the task must survive it to probe again
            ok = false;
            why = "failed: " + e;
        }
        boolean changed = ok ? target.health().probeSucceeded() : target.health().probeFailed();
        if (changed) {
            String verdict = ok ? "healthy again" : "unhealthy, out of rotation";
            String reason = why;
            LOGGER.log(ok ? System.Logger.Level.INFO : System.Logger.Level.WARNING, () -> "upstream " + upstream
                    + " target " + Placement.key(target.url(), target.target()) + " is " + verdict + " (" + config.path() + " " + reason + ")");
        }
    }

    private HttpClientRequest request(TargetState target) {
        HttpClientRequest request = client.get().uri(target.target().origin()).path(config.path());
        if (target.target().address().isPresent()) {
            // a target found in DNS is probed at its own address, over a connection of its own
            request.connection(target.connections().probeConnection(client));
        }
        return request;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        client.closeResource();
    }
}
