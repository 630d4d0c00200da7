package io.turnpike.server.plugins;

import java.nio.file.Path;

import io.turnpike.server.plugins.testplugins.CounterClashPlugin;
import io.turnpike.server.plugins.testplugins.CounterPlugin;

/** Test plugin jars for tests outside this package. */
public final class TestPluginJarsAccess {

    private TestPluginJarsAccess() {
    }

    /** Writes the jar of {@link CounterPlugin} into a folder. */
    public static Path counter(Path dir) {
        return TestPluginJars.plugin("counter-plugin").extensions(CounterPlugin.class).writeTo(dir, "counter.jar");
    }

    /** Writes the jar of {@link CounterClashPlugin} into a folder. */
    public static Path counterClash(Path dir) {
        return TestPluginJars.plugin("counter-clash-plugin").extensions(CounterClashPlugin.class)
                .writeTo(dir, "counter-clash.jar");
    }
}
