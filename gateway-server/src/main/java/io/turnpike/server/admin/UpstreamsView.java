package io.turnpike.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.server.config.Balancing;
import io.turnpike.server.config.HashOnConfig;
import io.turnpike.server.config.UpstreamConfig;
import io.turnpike.server.proxy.UpstreamStatus;
import io.turnpike.server.runtime.GatewayRuntime;

/**
 * The body of {@code GET /upstreams}: every upstream in config order, and the state of each target
 * (whether it takes traffic, its circuit breaker, its passive and active health).
 */
final class UpstreamsView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UpstreamsView() {
    }

    static ArrayNode of(GatewayRuntime runtime) {
        ArrayNode upstreams = JSON.createArrayNode();
        for (String name : runtime.config().upstreams().keySet()) {
            upstream(upstreams.addObject(), runtime.upstreams().get(name).status(),
                    runtime.config().upstreams().get(name));
        }
        return upstreams;
    }

    /** What a consistent-hash upstream places requests by. */
    private static void hashOn(ObjectNode node, UpstreamConfig config) {
        if (config.balancing() != Balancing.CONSISTENT_HASH) {
            return;
        }
        HashOnConfig hashOn = config.hashing();
        ObjectNode shown = node.putObject("hash-on").put("by", hashOn.by());
        if (hashOn.header() != null) {
            shown.put("header", hashOn.header());
        }
        if (hashOn.query() != null) {
            shown.put("query", hashOn.query());
        }
        if (hashOn.cookie() != null) {
            shown.put("cookie", hashOn.cookie()).put("cookie-path", hashOn.issuedCookiePath());
        }
    }

    private static void upstream(ObjectNode node, UpstreamStatus status, UpstreamConfig config) {
        node.put("name", status.name()).put("balancing", status.balancing());
        hashOn(node, config);
        status.maxConcurrentRequests().ifPresent(max -> node.putObject("bulkhead")
                .put("max-concurrent-requests", max)
                .put("in-flight", status.inFlight()));
        ArrayNode targets = node.putArray("targets");
        for (UpstreamStatus.TargetStatus target : status.targets()) {
            ObjectNode t = targets.addObject().put("url", target.url());
            target.address().ifPresent(address -> t.put("address", address));
            t.put("weight", target.weight())
                    .put("available", target.available())
                    .put("in-flight", target.inFlight());
            if (target.http2().isPresent()) {
                UpstreamStatus.Http2Status http2 = target.http2().get();
                t.putObject("http2")
                        .put("connections", http2.connections())
                        .put("idle", http2.idle())
                        .put("going-away", http2.goingAway())
                        .put("streams", http2.streams())
                        .put("max-concurrent-streams", http2.streamLimit());
            } else {
                t.put("idle-connections", target.idleConnections());
            }
            UpstreamStatus.BreakerStatus breaker = target.circuitBreaker();
            t.putObject("circuit-breaker")
                    .put("state", breaker.state())
                    .put("failure-rate", breaker.failureRate())
                    .put("slow-call-rate", breaker.slowCallRate())
                    .put("calls", breaker.calls())
                    .put("failed-calls", breaker.failedCalls());
            t.putObject("health")
                    .put("passive", target.passive())
                    .put("active", target.active());
        }
    }
}
