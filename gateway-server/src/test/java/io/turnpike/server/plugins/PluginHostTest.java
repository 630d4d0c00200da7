package io.turnpike.server.plugins;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import io.turnpike.server.plugins.testplugins.BadNamePlugin;
import io.turnpike.server.plugins.testplugins.EchoPlugin;
import io.turnpike.server.plugins.testplugins.GuardPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginClassLoader;

class PluginHostTest {

    @TempDir
    Path dir;

    @Test
    void describesTheValidJarItLoaded() {
        Path jar = TestPluginJars.plugin("echo-plugin").version("1.2.3").extensions(EchoPlugin.class).writeTo(dir, "echo.jar");

        try (PluginHost host = PluginHost.load(dir)) {
            assertEquals(List.of(new LoadedPlugin("echo-plugin", "1.2.3", jar, List.of("echo"))), host.plugins());
            assertEquals(List.of("echo"), List.copyOf(host.names()));
        }
    }

    @Test
    void loadsPluginClassesFromTheJarThoughTheyAreOnTheClassPathToo() {
        TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(dir, "echo.jar");

        try (PluginHost host = PluginHost.load(dir)) {
            GatewayPlugin<?> echo = host.find("echo").orElseThrow();
            assertInstanceOf(PluginClassLoader.class, echo.getClass().getClassLoader());
            assertNotSame(EchoPlugin.class, echo.getClass());
        }
    }

    @Test
    void usesTheGatewaysApiTypesWhenAJarBundlesItsOwnCopy() {
        TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class)
                .bundle(GatewayPlugin.class, Filter.class, Phase.class, PluginContext.class)
                .writeTo(dir, "echo.jar");

        try (PluginHost host = PluginHost.load(dir)) {
            // Plugin-first, the jar's GatewayPlugin would be another type and PF4J would find no extension.
            assertEquals(List.of("echo"), List.copyOf(host.names()));
            assertEquals(Phase.TRANSFORMATION, host.find("echo").orElseThrow().phase());
        }
    }

    @Test
    void skipsACorruptJarAndLoadsTheOthers() {
        TestPluginJars.corrupt(dir, "x.jar");
        TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(dir, "y.jar");

        try (PluginHost host = PluginHost.load(dir)) {
            assertEquals(List.of("echo"), List.copyOf(host.names()));
            assertEquals(List.of(dir.resolve("x.jar")), rejectedJars(host));
        }
    }

    @Test
    void skipsAJarWithoutPluginId() {
        TestPluginJars.plugin(null).extensions(EchoPlugin.class).writeTo(dir, "anonymous.jar");

        try (PluginHost host = PluginHost.load(dir)) {
            assertEquals(List.of(new RejectedJar(dir.resolve("anonymous.jar"), "the manifest has no Plugin-Id")),
                    host.rejected());
        }
    }

    @Test
    void skipsASecondJarWithTheSamePluginId() {
        TestPluginJars.plugin("same").extensions(EchoPlugin.class).writeTo(dir, "a.jar");
        TestPluginJars.plugin("same").extensions(GuardPlugin.class).writeTo(dir, "b.jar");

        try (PluginHost host = PluginHost.load(dir)) {
            assertEquals(List.of("echo"), List.copyOf(host.names()));
            assertEquals(List.of(new RejectedJar(dir.resolve("b.jar"), "its Plugin-Id 'same' is already used by a.jar")),
                    host.rejected());
        }
    }

    @Test
    void skipsAJarThatRequiresAnotherApiVersion() {
        TestPluginJars.plugin("future").requires(">=2.0.0").extensions(EchoPlugin.class).writeTo(dir, "future.jar");

        try (PluginHost host = PluginHost.load(dir)) {
            assertAll(
                    () -> assertTrue(host.names().isEmpty(), "names " + host.names()),
                    () -> assertTrue(host.plugins().isEmpty(), "plugins " + host.plugins()),
                    () -> assertEquals(List.of(new RejectedJar(dir.resolve("future.jar"),
                            "its Plugin-Requires '>=2.0.0' does not accept this gateway's plugin API 1.3.0")),
                            host.rejected()));
        }
    }

    @Test
    void skipsAJarWhosePluginRequiresIsNotARange() {
        TestPluginJars.plugin("odd").requires("one point oh").extensions(EchoPlugin.class).writeTo(dir, "odd.jar");

        try (PluginHost host = PluginHost.load(dir)) {
            assertTrue(host.names().isEmpty(), "names " + host.names());
            assertEquals(List.of(dir.resolve("odd.jar")), rejectedJars(host));
        }
    }

    @Test
    void logsASkippedJarAtWarningWithItsFileAndTheReason() {
        TestPluginJars.plugin("future").requires(">=2.0.0").extensions(EchoPlugin.class).writeTo(dir, "future.jar");

        try (LogRecorder log = LogRecorder.of(PluginHost.class)) {
            PluginHost.load(dir).close();

            List<String> warnings = log.at(Level.WARNING).stream().map(LogRecord::getMessage).toList();
            assertEquals(List.of("Skipped plugin jar " + dir.resolve("future.jar")
                    + ": its Plugin-Requires '>=2.0.0' does not accept this gateway's plugin API 1.3.0"), warnings);
        }
    }

    @Test
    void keepsTheFirstJarsPluginWhenASecondJarUsesTheSameName() {
        TestPluginJars.plugin("echo-a").extensions(EchoPlugin.class).writeTo(dir, "a.jar");
        TestPluginJars.plugin("echo-b").extensions(EchoPlugin.class).writeTo(dir, "b.jar");

        try (PluginHost host = PluginHost.load(dir)) {
            assertEquals(List.of("echo-a"), host.plugins().stream().map(LoadedPlugin::pluginId).toList());
            assertEquals(List.of(new RejectedJar(dir.resolve("b.jar"), "plugin name 'echo' of "
                    + EchoPlugin.class.getName() + " is already provided by a.jar, which is kept")), host.rejected());
        }
    }

    @Test
    void ignoresAPluginWhoseNameIsNotLowerCaseWithDashes() {
        TestPluginJars.plugin("bad").extensions(BadNamePlugin.class, EchoPlugin.class).writeTo(dir, "bad.jar");

        try (PluginHost host = PluginHost.load(dir)) {
            assertEquals(List.of("echo"), List.copyOf(host.names()));
        }
    }

    @Test
    void ignoresExtensionsFoundOnTheGatewaysClassPathInsteadOfTheJar() {
        // Without its own index, PF4J reads the class path's (the test classes list every test plugin).
        TestPluginJars.plugin("empty").withoutIndex().writeTo(dir, "empty.jar");

        try (PluginHost host = PluginHost.load(dir)) {
            assertTrue(host.names().isEmpty(), "names " + host.names());
            assertEquals(List.of(dir.resolve("empty.jar")), rejectedJars(host));
        }
    }

    @Test
    void loadsNoPluginFromAMissingDirectory() {
        try (PluginHost host = PluginHost.load(dir.resolve("absent"))) {
            assertAll(
                    () -> assertTrue(host.names().isEmpty()),
                    () -> assertTrue(host.plugins().isEmpty()),
                    () -> assertTrue(host.rejected().isEmpty()));
        }
    }

    @Test
    void closeUnloadsThePluginsAndReleasesTheirJars() throws Exception {
        Path jar = TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(dir, "echo.jar");
        PluginHost host = PluginHost.load(dir);
        PluginClassLoader loader = (PluginClassLoader) host.find("echo").orElseThrow().getClass().getClassLoader();

        host.close();

        assertTrue(loader.isClosed(), "the plugin's class loader is closed");
        Files.delete(jar);
    }

    private static List<Path> rejectedJars(PluginHost host) {
        return host.rejected().stream().map(RejectedJar::jar).toList();
    }

    @Test
    void aRefreshLoadsTheJarsAddedSinceAndKeepsThoseLoaded() {
        TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(dir, "echo.jar");
        PluginHost host = PluginHost.load(dir);
        GatewayPlugin<?> echo = host.find("echo").orElseThrow();
        TestPluginJars.plugin("guard-plugin").extensions(GuardPlugin.class).writeTo(dir, "guard.jar");

        PluginHost.Refresh refresh = host.refresh();

        try (PluginHost refreshed = refresh.host()) {
            assertEquals(List.of("echo", "guard"), List.copyOf(refreshed.names()));
            assertSame(echo, refreshed.find("echo").orElseThrow(), "the loaded plugin goes on serving");
            assertEquals(List.of(), refresh.changed());
        }
    }

    @Test
    void aRefreshReportsALoadedJarThatChangedOrWentAndKeepsItsPlugin() throws Exception {
        Path echo = TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(dir, "echo.jar");
        Path guard = TestPluginJars.plugin("guard-plugin").extensions(GuardPlugin.class).writeTo(dir, "guard.jar");
        PluginHost host = PluginHost.load(dir);
        Files.setLastModifiedTime(echo, FileTime.fromMillis(Files.getLastModifiedTime(echo).toMillis() + 5_000));
        Files.delete(guard);

        PluginHost.Refresh refresh = host.refresh();

        try (PluginHost refreshed = refresh.host()) {
            assertEquals(List.of(echo, guard), refresh.changed());
            assertEquals(List.of("echo", "guard"), List.copyOf(refreshed.names()));
        }
    }

    @Test
    void aSkippedJarIsTriedAgainOnceItChanged() {
        TestPluginJars.corrupt(dir, "echo.jar");
        PluginHost host = PluginHost.load(dir);
        assertEquals(1, host.rejected().size());
        TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(dir, "echo.jar");

        try (PluginHost refreshed = host.refresh().host()) {
            assertEquals(List.of("echo"), List.copyOf(refreshed.names()));
            assertEquals(List.of(), refreshed.rejected());
        }
    }
}
