package io.turnpike.plugins.responsecache;

import java.util.List;
import java.util.OptionalLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.api.AdminEndpoint;
import io.turnpike.api.Body;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Response;

/**
 * The plugin's admin endpoints: {@code GET /cache} shows each route's usage, {@code DELETE /cache} purges
 * every route and {@code DELETE /cache/{route-id}} one route.
 */
final class CacheAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheAdmin() {
    }

    static List<AdminEndpoint> endpoints(RouteCaches caches) {
        return List.of(
                new AdminEndpoint("GET", "/cache", (request, parameters) -> usage(caches)),
                new AdminEndpoint("DELETE", "/cache", (request, parameters) ->
                        json(JSON.createObjectNode().put("purged", caches.purgeAll()))),
                new AdminEndpoint("DELETE", "/cache/{route-id}", (request, parameters) -> {
                    String routeId = parameters.get("route-id");
                    OptionalLong purged = caches.purge(routeId);
                    if (purged.isEmpty()) {
                        throw new ProblemException(404, "No route with this id has a response cache.");
                    }
                    return json(JSON.createObjectNode().put("route", routeId).put("purged", purged.getAsLong()));
                }));
    }

    private static Response usage(RouteCaches caches) throws JsonProcessingException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode routes = body.putObject("routes");
        caches.usage().forEach((id, usage) -> routes.putObject(id)
                .put("entries", usage.entries())
                .put("bytes", usage.bytes())
                .put("max-bytes", usage.maxBytes()));
        return json(body);
    }

    private static Response json(ObjectNode body) throws JsonProcessingException {
        return new Response(200, Headers.of("Content-Type", "application/json"), Body.of(JSON.writeValueAsBytes(body)));
    }
}
