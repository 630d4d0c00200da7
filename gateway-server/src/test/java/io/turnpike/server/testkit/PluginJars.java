package io.turnpike.server.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plugin folders for tests: real jars, copied where PF4J will find them.
 */
public final class PluginJars {

    private PluginJars() {
    }

    /**
     * The jar of the plugin module under test, as packaged by Maven before its integration tests run.
     *
     * @return the jar's path
     */
    public static Path pluginUnderTest() {
        String jar = System.getProperty("turnpike.test.pluginJar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property turnpike.test.pluginJar must name the packaged plugin jar;"
                    + " integration tests run under failsafe after `package` (got " + jar + ")");
        }
        return Path.of(jar);
    }

    /**
     * A folder holding copies of the given jars.
     *
     * @param dir  the folder to fill, created when missing
     * @param jars the jars
     * @return the folder
     */
    public static Path folderWith(Path dir, Path... jars) {
        try {
            Files.createDirectories(dir);
            for (Path jar : jars) {
                Files.copy(jar, dir.resolve(jar.getFileName()));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
