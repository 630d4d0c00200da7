package io.turnpike.server.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import io.turnpike.server.config.ConfigBinder;
import io.turnpike.server.config.ConfigException;
import io.turnpike.server.config.ConfigLoader;
import io.turnpike.server.config.LoadedConfig;
import io.turnpike.server.config.RouteConfig;
import io.turnpike.server.plugins.ChainFactory;
import io.turnpike.server.plugins.PluginHost;
import io.turnpike.server.runtime.CompleteConfigCheck;
import io.turnpike.server.runtime.GatewayRuntime;
import io.turnpike.server.runtime.RouteRuntime;
import io.turnpike.server.runtime.RuntimeFactory;

/**
 * {@code gateway validate}: everything {@code run} checks (the file, the routes, every plugin config),
 * without listening on a port.
 */
final class Validate {

    private Validate() {
    }

    static int run(ConfigLoader loader, Path file, PrintStream out, PrintStream err) {
        try {
            LoadedConfig loaded = CompleteConfigCheck.load(loader, file);
            try (PluginHost plugins = PluginHost.load(loaded.pluginsDirectory());
                 GatewayRuntime runtime = new RuntimeFactory(new ChainFactory(plugins,
                         new ConfigBinder(loaded.file().getParent())))
                         .build(loaded.config(), loaded.file())) {
                out.println(file + " is valid. Plugins loaded from " + loaded.pluginsDirectory() + ": " + plugins.names());
                printRoutes(runtime, out);
            }
            return Main.OK;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return Main.INVALID_CONFIG;
        }
    }

    private static void printRoutes(GatewayRuntime runtime, PrintStream out) {
        String format = "%-20s %-14s %-24s %-30s %-14s %s%n";
        out.printf(format, "ROUTE", "METHODS", "HOST", "PATH", "UPSTREAM", "PLUGINS (run order)");
        for (int i = 0; i < runtime.routeList().size(); i++) {
            RouteRuntime route = runtime.routeList().get(i);
            RouteConfig config = runtime.config().routes().get(i);
            out.printf(format, route.id(),
                    config.match().methods().isEmpty() ? "*" : String.join(",", config.match().methods()),
                    config.match().host() == null ? "*" : config.match().host(),
                    config.match().path(), config.upstream() == null ? "-" : config.upstream(),
                    route.chain().pluginNamesInOrder().isEmpty() ? "-" : String.join(" -> ", route.chain().pluginNamesInOrder()));
        }
    }
}
