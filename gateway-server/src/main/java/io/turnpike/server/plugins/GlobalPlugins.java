package io.turnpike.server.plugins;

import java.util.List;

/**
 * The plugins every route runs ({@code plugins.global}), bound and validated once: each route still creates
 * filters of its own from them, unless it names the same plugin itself.
 *
 * @param plugins the bound plugins, in the order of the list
 */
public record GlobalPlugins(List<ChainFactory.Bound<?>> plugins) {

    /** No global plugins. */
    public static final GlobalPlugins NONE = new GlobalPlugins(List.of());

    /** Copies the list. */
    public GlobalPlugins {
        plugins = List.copyOf(plugins);
    }
}
