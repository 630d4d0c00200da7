package io.turnpike.server.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.turnpike.api.GatewayPlugin;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The plugins loaded from one directory of jars, by the name routes use for them.
 *
 * <p>Each jar is loaded, started and checked on its own: a jar that cannot be read, has no
 * {@code Plugin-Id}, repeats another jar's id, requires another plugin API version, fails to start or
 * provides no usable {@link GatewayPlugin} is logged at WARNING with the reason, listed in
 * {@link #rejected()}, unloaded, and the other jars load. Jars load in file name order, which decides
 * which jar keeps a plugin name that two of them provide.
 *
 * <p>Immutable once loaded, and so safe to share; {@link #close()} stops and unloads the plugins, after
 * which the plugins it handed out must no longer be used. {@link #refresh()} makes a new host with the jars
 * added since: the two share their plugins, so only the newest is closed.
 */
public final class PluginHost implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final TurnpikePluginManager manager;
    private final Path root;
    private final Map<String, GatewayPlugin<?>> byName;
    private final List<LoadedPlugin> plugins;
    private final List<RejectedJar> rejected;
    /** Every jar looked at, loaded or skipped, as it was then: what a refresh compares the folder with. */
    private final Map<Path, JarStamp> seen;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PluginHost(TurnpikePluginManager manager, Path root, Loading loading) {
        this.manager = manager;
        this.root = root;
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(loading.byName));
        this.plugins = List.copyOf(loading.plugins);
        this.rejected = List.copyOf(loading.rejected);
        this.seen = Map.copyOf(loading.seen);
    }

    /**
     * Loads and starts every {@code *.jar} in a directory.
     *
     * @param directory the plugins directory; when it does not exist, no plugin is loaded
     * @return the host
     * @throws UncheckedIOException when the directory exists but cannot be listed
     */
    public static PluginHost load(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        TurnpikePluginManager manager = new TurnpikePluginManager(root, PluginApiVersion.read());
        Loading loading = new Loading(manager);
        for (Path jar : jars(root)) {
            loading.load(jar);
        }
        LOG.log(Level.INFO, () -> "Loaded " + loading.plugins.size() + " plugin jar(s) from " + root
                + ", providing " + (loading.byName.isEmpty() ? "no plugin" : String.join(", ", loading.byName.keySet())));
        return new PluginHost(manager, root, loading);
    }

    /**
     * Looks at the plugins folder again. A jar that is new, or that was skipped and has changed since, is loaded
     * as at start; the plugins already loaded go on as they are. A loaded jar that has changed or gone cannot be
     * taken up while its classes serve: it is reported, for a restart.
     *
     * @return this host with the new jars' plugins, and the loaded jars that changed or went
     * @throws UncheckedIOException when the folder exists but cannot be listed
     */
    public Refresh refresh() {
        Loading loading = new Loading(manager, this);
        List<Path> changed = new ArrayList<>();
        List<Path> present = jars(root);
        for (Path jar : present) {
            JarStamp before = seen.get(jar);
            if (before == null) {
                loading.load(jar);
            } else if (!before.equals(JarStamp.of(jar))) {
                if (loading.forgetRejected(jar)) {
                    loading.load(jar);
                } else {
                    changed.add(jar);
                }
            }
        }
        plugins.stream().map(LoadedPlugin::jar).filter(jar -> !present.contains(jar)).forEach(changed::add);
        if (loading.plugins.size() > plugins.size()) {
            LOG.log(Level.INFO, () -> "Plugins now: " + String.join(", ", loading.byName.keySet()));
        }
        return new Refresh(new PluginHost(manager, root, loading), List.copyOf(changed));
    }

    /**
     * What {@link #refresh()} found.
     *
     * @param host    the host to use from now on
     * @param changed the loaded jars that changed or went since they were loaded, which a restart takes up
     */
    public record Refresh(PluginHost host, List<Path> changed) {
    }

    /** A jar file as it was when looked at; a jar rewritten in place changes its size or its time. */
    private record JarStamp(long size, long modifiedMillis) {

        static JarStamp of(Path jar) {
            try {
                return new JarStamp(Files.size(jar), Files.getLastModifiedTime(jar).toMillis());
            } catch (IOException e) {
                // gone or unreadable: never equal to what was seen
                return new JarStamp(-1, -1);
            }
        }
    }

    /**
     * The plugin routes call {@code name}.
     *
     * @param name the plugin name
     * @return the plugin, or empty when no loaded jar provides one of that name
     */
    public Optional<GatewayPlugin<?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The names of the loaded plugins.
     *
     * @return the names, sorted
     */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
    }

    /**
     * The jars that loaded, in load order.
     *
     * @return one description per jar
     */
    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    /**
     * The jars that were skipped, and why.
     *
     * @return one entry per skipped jar
     */
    public List<RejectedJar> rejected() {
        return rejected;
    }

    /**
     * Stops the plugins, last started first, and unloads them, closing their jars. Route chains built
     * from this host must be closed first. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Not stopPlugins(): PF4J 3.15.0 throws ConcurrentModificationException there (pf4j #656).
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        Collections.reverse(started);
        for (PluginWrapper plugin : started) {
            try {
                manager.stopPlugin(plugin.getPluginId());
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, () -> "Plugin " + plugin.getPluginId() + " failed to stop", e);
            }
        }
        try {
            manager.unloadPlugins();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Unloading the plugins failed", e);
        }
    }

    private static List<Path> jars(Path root) {
        if (!Files.exists(root)) {
            LOG.log(Level.INFO, () -> "No plugins: the plugins directory " + root + " does not exist");
            return List.of();
        }
        if (!Files.isDirectory(root)) {
            LOG.log(Level.WARNING, () -> "No plugins: " + root + " is not a directory");
            return List.of();
        }
        try (Stream<Path> files = Files.list(root)) {
            List<Path> jars = files
                    .filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            if (jars.isEmpty()) {
                LOG.log(Level.INFO, () -> "No plugins: no jar in " + root);
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugins directory " + root, e);
        }
    }

    /** The mutable state of one {@link #load} or {@link #refresh}, confined to it. */
    private static final class Loading {

        private final TurnpikePluginManager manager;
        private final Map<String, GatewayPlugin<?>> byName = new LinkedHashMap<>();
        private final Map<String, Path> jarOfName = new LinkedHashMap<>();
        private final List<LoadedPlugin> plugins = new ArrayList<>();
        private final List<RejectedJar> rejected = new ArrayList<>();
        private final Map<Path, JarStamp> seen = new LinkedHashMap<>();

        Loading(TurnpikePluginManager manager) {
            this.manager = manager;
        }

        /** Goes on from what a host loaded, so that its names stay taken. */
        Loading(TurnpikePluginManager manager, PluginHost from) {
            this(manager);
            byName.putAll(from.byName);
            from.plugins.forEach(loaded -> loaded.pluginNames().forEach(name -> jarOfName.put(name, loaded.jar())));
            plugins.addAll(from.plugins);
            rejected.addAll(from.rejected);
            seen.putAll(from.seen);
        }

        /** @return whether the jar had been skipped; if so, it is forgotten, to be tried again */
        boolean forgetRejected(Path jar) {
            return rejected.removeIf(skipped -> skipped.jar().equals(jar));
        }

        void load(Path jar) {
            seen.put(jar, JarStamp.of(jar));
            String pluginId;
            try {
                pluginId = manager.loadPlugin(jar);
            } catch (RuntimeException | LinkageError e) {
                unloadLeftovers(jar);
                // PF4J's own refusals explain themselves; anything else deserves its stack trace.
                reject(jar, describe(e), e instanceof PluginRuntimeException ? null : e);
                return;
            }
            PluginWrapper wrapper = manager.getPlugin(pluginId);
            // PF4J does not throw for an unmet Plugin-Requires: it loads the jar as DISABLED.
            if (wrapper.getPluginState() == PluginState.DISABLED) {
                unload(pluginId);
                reject(jar, "its Plugin-Requires '" + wrapper.getDescriptor().getRequires()
                        + "' does not accept this gateway's plugin API " + manager.getSystemVersion(), null);
                return;
            }
            PluginState state = manager.startPlugin(pluginId);
            if (state != PluginState.STARTED) {
                Throwable failure = wrapper.getFailedException();
                unload(pluginId);
                reject(jar, "it failed to start (" + state + ")" + (failure == null ? "" : ": " + describe(failure)),
                        failure);
                return;
            }
            List<String> names = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            try {
                collect(wrapper, names, problems);
            } catch (RuntimeException | LinkageError e) {
                // Only PF4J's instantiation of the extensions gets here, before any name was taken.
                unload(pluginId);
                reject(jar, "its extensions could not be created: " + describe(e), e);
                return;
            }
            if (names.isEmpty()) {
                unload(pluginId);
                reject(jar, problems.isEmpty()
                        ? "it provides no GatewayPlugin (its META-INF/extensions.idx is missing, or lists no class "
                                + "implementing the gateway's io.turnpike.api.GatewayPlugin)"
                        : String.join("; ", problems), null);
                return;
            }
            problems.forEach(problem -> LOG.log(Level.WARNING, () -> "Plugin jar " + jar + ": " + problem));
            plugins.add(new LoadedPlugin(pluginId, wrapper.getDescriptor().getVersion(), jar, names));
            LOG.log(Level.INFO, () -> "Loaded plugin jar " + jar.getFileName() + " (" + pluginId + " "
                    + wrapper.getDescriptor().getVersion() + "): " + String.join(", ", names));
        }

        /** Takes the jar's usable plugins, explaining each one it leaves out. */
        private void collect(PluginWrapper wrapper, List<String> names, List<String> problems) {
            for (Object found : manager.getExtensions(GatewayPlugin.class, wrapper.getPluginId())) {
                GatewayPlugin<?> plugin = (GatewayPlugin<?>) found;
                String className = plugin.getClass().getName();
                // PF4J reads META-INF/extensions.idx plugin-first but falls back to the gateway's class
                // path, so a jar without an index would otherwise pick up the gateway's own extensions.
                if (plugin.getClass().getClassLoader() != wrapper.getPluginClassLoader()) {
                    problems.add("extension " + className + " is not in the jar; ignored");
                    continue;
                }
                try {
                    String name = check(plugin, problems);
                    if (name != null) {
                        byName.put(name, plugin);
                        jarOfName.put(name, wrapper.getPluginPath());
                        names.add(name);
                    }
                } catch (RuntimeException | LinkageError e) {
                    problems.add(className + " failed to describe itself: " + describe(e) + "; ignored");
                }
            }
        }

        /** The plugin's name when it may be used, else null with the reason added to the problems. */
        private String check(GatewayPlugin<?> plugin, List<String> problems) {
            String className = plugin.getClass().getName();
            String name = plugin.name();
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add("plugin name '" + name + "' of " + className + " must match " + NAME + "; ignored");
                return null;
            }
            if (plugin.phase() == null || plugin.configType() == null) {
                problems.add("plugin '" + name + "' (" + className + ") returns no phase() or configType(); ignored");
                return null;
            }
            if (byName.containsKey(name)) {
                problems.add("plugin name '" + name + "' of " + className + " is already provided by "
                        + jarOfName.get(name).getFileName() + ", which is kept");
                return null;
            }
            return name;
        }

        /** A jar that failed after PF4J registered it (a failed dependency check, say) still holds its file. */
        private void unloadLeftovers(Path jar) {
            for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
                if (jar.equals(plugin.getPluginPath())) {
                    unload(plugin.getPluginId());
                }
            }
        }

        private void unload(String pluginId) {
            try {
                manager.unloadPlugin(pluginId);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, () -> "Plugin " + pluginId + " failed to unload", e);
            }
        }

        private void reject(Path jar, String reason, Throwable cause) {
            rejected.add(new RejectedJar(jar, reason));
            String message = "Skipped plugin jar " + jar + ": " + reason;
            if (cause == null) {
                LOG.log(Level.WARNING, message);
            } else {
                LOG.log(Level.WARNING, message, cause);
            }
        }

        private static String describe(Throwable failure) {
            String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
            Throwable cause = failure.getCause();
            if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
                message += ": " + cause.getMessage();
            }
            return message;
        }
    }
}
