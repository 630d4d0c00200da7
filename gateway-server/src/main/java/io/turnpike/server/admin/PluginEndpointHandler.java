package io.turnpike.server.admin;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.Header;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.turnpike.api.Body;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.http.Problems;

/**
 * Runs one plugin's admin endpoint: translates the Helidon request into the plugin API's, and the
 * plugin's answer (or failure) back. A failing plugin costs one admin request, never the listener.
 */
final class PluginEndpointHandler implements Handler {

    private static final System.Logger LOG = System.getLogger(PluginEndpointHandler.class.getName());

    private final PluginAdminEndpoints.Mounted mounted;

    PluginEndpointHandler(PluginAdminEndpoints.Mounted mounted) {
        this.mounted = mounted;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String requestId = AdminResponses.freshRequestId();
        Response response;
        try {
            response = mounted.endpoint().handler().handle(request(req), parameters(req));
            if (response == null) {
                response = failed(requestId, "returned no response", null);
            }
        } catch (ProblemException problem) {
            response = Problems.response(problem, requestId);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            response = failed(requestId, "failed", e);
        }
        AdminResponses.write(response, res);
    }

    private Response failed(String requestId, String what, Throwable cause) {
        LOG.log(Level.ERROR, () -> "Admin request " + requestId + ": plugin '" + mounted.pluginName() + "' endpoint "
                + mounted.endpoint().method() + " " + mounted.endpoint().path() + " " + what + "; answering 500", cause);
        return Problems.response(500, "The plugin failed to handle this request.", requestId);
    }

    private static Request request(ServerRequest req) {
        Headers.Builder headers = Headers.builder();
        for (Header header : req.headers()) {
            header.allValues().forEach(value -> headers.add(header.name(), value));
        }
        Body body = req.content().hasEntity()
                ? Body.of(req.content().inputStream(), req.headers().contentLength().orElse(-1))
                : Body.empty();
        return new Request(req.prologue().method().text(), req.path().rawPath(), req.query().rawValue(),
                headers.build(), body);
    }

    private static Map<String, String> parameters(ServerRequest req) {
        Map<String, String> parameters = new LinkedHashMap<>();
        var routed = req.path().pathParameters();
        routed.names().forEach(name -> parameters.put(name, routed.get(name)));
        return Map.copyOf(parameters);
    }
}
