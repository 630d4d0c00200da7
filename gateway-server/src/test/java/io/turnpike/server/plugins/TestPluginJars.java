package io.turnpike.server.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds real PF4J plugin jars from test classes, the way the plugins' Maven build would: a manifest with
 * the {@code Plugin-*} entries, the class files, and {@code META-INF/extensions.idx}.
 *
 * <pre>{@code
 * Path jar = TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(dir, "echo.jar");
 * }</pre>
 */
public final class TestPluginJars {

    /** What the bundled plugins' parent pom writes. */
    static final String API_RANGE = ">=1.0.0 & <2.0.0";

    private TestPluginJars() {
    }

    /**
     * A plugin jar to build.
     *
     * @param pluginId the {@code Plugin-Id}, or null for a jar without one
     * @return the builder
     */
    public static Builder plugin(String pluginId) {
        return new Builder(pluginId);
    }

    /**
     * A file named like a jar that is not one.
     *
     * @param directory where to write it
     * @param fileName  its name
     * @return the file
     */
    static Path corrupt(Path directory, String fileName) {
        try {
            return Files.write(directory.resolve(fileName), "these bytes are not a zip archive".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar's contents; each setter returns this builder. */
    public static final class Builder {

        private final String pluginId;
        private String version = "1.0.0";
        private String requires = API_RANGE;
        private final List<Class<?>> extensions = new ArrayList<>();
        private final List<Class<?>> bundled = new ArrayList<>();
        private boolean index = true;

        private Builder(String pluginId) {
            this.pluginId = pluginId;
        }

        Builder version(String pluginVersion) {
            this.version = pluginVersion;
            return this;
        }

        Builder requires(String range) {
            this.requires = range;
            return this;
        }

        /** Extension classes: their class files and nested classes' go in the jar, their names in the index. */
        public Builder extensions(Class<?>... classes) {
            extensions.addAll(List.of(classes));
            return this;
        }

        /** Further classes copied into the jar from wherever they are loaded, as a careless plugin build would. */
        Builder bundle(Class<?>... classes) {
            bundled.addAll(List.of(classes));
            return this;
        }

        /** Leaves out META-INF/extensions.idx. */
        Builder withoutIndex() {
            this.index = false;
            return this;
        }

        public Path writeTo(Path directory, String fileName) {
            Path jar = directory.resolve(fileName);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest())) {
                for (Class<?> extension : extensions) {
                    for (Path classFile : classFiles(extension)) {
                        String entry = extension.getPackageName().replace('.', '/') + "/" + classFile.getFileName();
                        put(out, entry, Files.readAllBytes(classFile));
                    }
                }
                for (Class<?> type : bundled) {
                    String entry = type.getName().replace('.', '/') + ".class";
                    try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                        put(out, entry, in.readAllBytes());
                    }
                }
                if (index) {
                    String names = extensions.stream().map(Class::getName).collect(Collectors.joining("\n", "", "\n"));
                    put(out, "META-INF/extensions.idx", names.getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return jar;
        }

        private Manifest manifest() {
            Manifest manifest = new Manifest();
            Attributes main = manifest.getMainAttributes();
            // Without a Manifest-Version, JarOutputStream writes no attribute at all.
            main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            if (pluginId != null) {
                main.putValue("Plugin-Id", pluginId);
            }
            main.putValue("Plugin-Version", version);
            if (requires != null) {
                main.putValue("Plugin-Requires", requires);
            }
            return manifest;
        }

        /** The class's own file and its nested and anonymous classes' files, from the test classes folder. */
        private static List<Path> classFiles(Class<?> type) throws IOException {
            Path folder;
            try {
                folder = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .resolve(type.getPackageName().replace('.', '/'));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            String simple = type.getSimpleName();
            try (Stream<Path> files = Files.list(folder)) {
                return files.filter(file -> {
                    String name = file.getFileName().toString();
                    return name.equals(simple + ".class") || name.startsWith(simple + "$") && name.endsWith(".class");
                }).toList();
            }
        }

        private static void put(JarOutputStream jar, String name, byte[] bytes) throws IOException {
            jar.putNextEntry(new JarEntry(name));
            jar.write(bytes);
            jar.closeEntry();
        }
    }
}
