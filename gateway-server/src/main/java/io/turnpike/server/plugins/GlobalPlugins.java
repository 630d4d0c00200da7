package io.turnpike.server.plugins;

import java.util.List;

/**
 * The plugins every route runs ({@code plugins.global}), bound and validated once by
 * {@link ChainFactory#globals}: each route still creates filters of its own from them, unless it names the same
 * plugin itself. Opaque outside this package.
 */
public final class GlobalPlugins {

    /** No global plugins. */
    public static final GlobalPlugins NONE = new GlobalPlugins(List.of());

    private final List<ChainFactory.Bound<?>> plugins;

    GlobalPlugins(List<ChainFactory.Bound<?>> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /** @return the bound plugins, in the order of the list */
    List<ChainFactory.Bound<?>> plugins() {
        return plugins;
    }
}
