package io.turnpike.server.admin;

import java.util.ArrayList;
import java.util.List;

import io.turnpike.api.AdminEndpoint;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.server.plugins.PluginHost;

/**
 * The admin endpoints the loaded plugins declare, checked so that no request could match two of them,
 * nor one of them and one of the gateway's own.
 */
public final class PluginAdminEndpoints {

    /** The gateway's own admin endpoints, as {@code METHOD path}; a plugin may not shadow them. */
    static final List<String> CORE = List.of("GET /health", "GET /routes", "GET /upstreams", "GET /metrics");

    private final List<Mounted> endpoints;

    private PluginAdminEndpoints(List<Mounted> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /** No plugin endpoints. */
    public static final PluginAdminEndpoints NONE = new PluginAdminEndpoints(List.of());

    /**
     * An endpoint with the plugin that declared it.
     *
     * @param pluginName the plugin's name, for logs and errors
     * @param endpoint   the endpoint
     */
    public record Mounted(String pluginName, AdminEndpoint endpoint) {
    }

    /**
     * Asks every loaded plugin for its endpoints.
     *
     * @param host   the loaded plugins
     * @param errors where overlaps and failing plugins are reported, each naming the plugins involved
     * @return the endpoints that may be mounted
     */
    public static PluginAdminEndpoints collect(PluginHost host, List<String> errors) {
        List<Mounted> accepted = new ArrayList<>();
        for (String name : host.names()) {
            GatewayPlugin<?> plugin = host.find(name).orElseThrow();
            List<AdminEndpoint> declared;
            try {
                declared = plugin.adminEndpoints();
            } catch (RuntimeException | LinkageError e) {
                errors.add("plugins: plugin '" + name + "' failed to declare its admin endpoints (" + e + ")");
                continue;
            }
            for (AdminEndpoint endpoint : declared == null ? List.<AdminEndpoint>of() : declared) {
                String clash = clash(endpoint, accepted);
                if (clash == null) {
                    accepted.add(new Mounted(name, endpoint));
                } else {
                    errors.add("plugins: plugin '" + name + "' declares admin endpoint " + describe(endpoint)
                            + ", which overlaps " + clash);
                }
            }
        }
        return new PluginAdminEndpoints(accepted);
    }

    /** @return the endpoints, in plugin name order */
    public List<Mounted> endpoints() {
        return endpoints;
    }

    private static String clash(AdminEndpoint endpoint, List<Mounted> accepted) {
        for (String core : CORE) {
            String[] methodAndPath = core.split(" ", 2);
            if (overlap(endpoint.method(), endpoint.path(), methodAndPath[0], methodAndPath[1])) {
                return "the gateway's own " + core;
            }
        }
        for (Mounted other : accepted) {
            AdminEndpoint them = other.endpoint();
            if (overlap(endpoint.method(), endpoint.path(), them.method(), them.path())) {
                return describe(them) + " of plugin '" + other.pluginName() + "'";
            }
        }
        return null;
    }

    /** Two patterns overlap when some request matches both: same method, same depth, no two literals differ. */
    static boolean overlap(String method, String path, String otherMethod, String otherPath) {
        if (!method.equals(otherMethod)) {
            return false;
        }
        String[] mine = path.split("/", -1);
        String[] theirs = otherPath.split("/", -1);
        if (mine.length != theirs.length) {
            return false;
        }
        for (int i = 0; i < mine.length; i++) {
            if (!isParameter(mine[i]) && !isParameter(theirs[i]) && !mine[i].equals(theirs[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{");
    }

    private static String describe(AdminEndpoint endpoint) {
        return endpoint.method() + " " + endpoint.path();
    }
}
