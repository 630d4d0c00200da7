package io.turnpike.server.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
     * The packaged jar of another bundled plugin, for tests where plugins meet. A plugin module declares the
     * other plugin as a test dependency (with the {@code *:*} exclusion); the plugins parent copies such jars
     * into {@code target/sibling-plugins} before the integration tests run.
     *
     * @param pluginId the other plugin's id, which is its artifact id, such as {@code key-auth}
     * @return the jar's path
     */
    public static Path sibling(String pluginId) {
        Path folder = Path.of(System.getProperty("turnpike.test.siblingPlugins", "target/sibling-plugins"));
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().matches(
                    Pattern.quote(pluginId) + "-\\d.*\\.jar")).toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("expected one " + pluginId + " jar in " + folder + ", found " + jars
                        + "; is " + pluginId + " a test dependency of this module?");
            }
            return jars.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("no sibling plugin folder " + folder, e);
        }
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
