package io.turnpike.server.proxy;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
    private final ScheduledExecutorService scheduler;

    ActiveHealthChecker(String upstream, ActiveHealthCheckConfig config, WebClient client, List<TargetState> targets) {
        this.upstream = upstream;
        this.config = config;
        this.client = client;
        this.scheduler = Executors.newScheduledThreadPool(targets.size(),
                Thread.ofVirtual().name("health-check-" + upstream + "-", 0).factory());
        long interval = config.interval().toMillis();
        for (TargetState target : targets) {
            scheduler.scheduleWithFixedDelay(() -> probe(target), 0, interval, TimeUnit.MILLISECONDS);
        }
    }

    private void probe(TargetState target) {
        boolean ok;
        String why;
        try (HttpClientResponse response = client.get()
                .uri(target.target().origin())
                .path(config.path())
                .request()) {
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
                    + " target " + target.target().origin() + " is " + verdict + " (" + config.path() + " " + reason + ")");
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        client.closeResource();
    }
}
