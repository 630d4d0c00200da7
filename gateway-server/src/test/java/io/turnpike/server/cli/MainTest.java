package io.turnpike.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path config(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("plugins"));
        return Files.writeString(dir.resolve("gateway.yaml"), yaml);
    }

    @Test
    void validatePrintsTheRouteTableAndExitsZeroForAValidConfig() throws IOException {
        Path file = config("""
                plugins:
                  directory: plugins
                upstreams:
                  users:
                    targets:
                      - url: http://127.0.0.1:9001
                routes:
                  - id: users
                    match: {path: /api/users/**, methods: [GET]}
                    upstream: users
                """);

        int status = run("validate", "--config", file.toString());

        assertEquals(0, status, err::toString);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("is valid"), printed);
        assertTrue(printed.matches("(?s).*users\\s+GET\\s+\\*\\s+/api/users/\\*\\*\\s+users\\s+-.*"), printed);
    }

    @Test
    void validatePrintsEveryErrorWithItsLocationAndExitsOne() throws IOException {
        Path file = config("""
                plugins:
                  directory: plugins
                upstreams:
                  users:
                    targets:
                      - url: http://127.0.0.1:9001
                    read-timeout: soon
                routes:
                  - id: users
                    match: {path: /api/users/**}
                    upstream: users
                    colour: blue
                """);

        int status = run("validate", "--config", file.toString());

        assertEquals(1, status);
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("upstreams.users.read-timeout:"), printed);
        assertTrue(printed.contains("routes[0].colour: unknown key"), printed);
    }

    @Test
    void validateReportsAPluginNoJarProvides() throws IOException {
        Path file = config("""
                plugins:
                  directory: plugins
                upstreams:
                  users:
                    targets:
                      - url: http://127.0.0.1:9001
                routes:
                  - id: users
                    match: {path: /users}
                    upstream: users
                    plugins:
                      - name: key-auth
                """);

        assertEquals(1, run("validate", "--config", file.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("routes[0].plugins[0].name: no loaded plugin is named 'key-auth'"),
                err::toString);
    }

    @Test
    void validateReportsThePluginStagesErrorsInTheSameRunAsTheFilesOwn() throws IOException {
        Path file = config("""
                plugins:
                  directory: plugins
                upstreams:
                  users:
                    targets:
                      - url: http://127.0.0.1:9001
                    read-timout: 5s
                routes:
                  - id: users
                    match: {path: /users}
                    upstream: user
                  - id: orders
                    match: {path: "/orders/{id"}
                    upstream: users
                    plugins:
                      - name: key-auth
                """);

        assertEquals(1, run("validate", "--config", file.toString()));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("upstreams.users.read-timout: unknown key"), printed);
        assertTrue(printed.contains("routes[0].upstream: no upstream is named \"user\""), printed);
        assertTrue(printed.contains("routes[1].plugins[0].name: no loaded plugin is named 'key-auth'"), printed);
        assertTrue(printed.contains("routes[1].match.path:"), printed);
        assertEquals(4, printed.lines().filter(line -> line.startsWith("gateway.yaml: ")).count(), printed);
    }

    @Test
    void aPluginsDirectoryInErrorIsNotReplacedByTheDefaultForThePluginChecks() throws IOException {
        Path file = config("""
                plugins:
                  directory: [plugins]
                upstreams:
                  users:
                    targets:
                      - url: http://127.0.0.1:9001
                routes:
                  - id: users
                    match: {path: /users}
                    upstream: users
                    plugins:
                      - name: key-auth
                """);

        assertEquals(1, run("validate", "--config", file.toString()));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("plugins.directory:"), printed);
        // with no folder to load, no plugin is known: saying so would blame the route for the folder's error
        assertTrue(!printed.contains("no loaded plugin"), printed);
    }

    @Test
    void aBenchUpstreamBodyTooSmallForItsJsonIsAUsageError() {
        assertEquals(2, run("bench-upstream", "--body-bytes", "8"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--body-bytes must be at least 16"), err::toString);
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageError() {
        assertEquals(2, run("serve"));
        assertEquals(2, run("run", "--colour"));
        assertEquals(2, run());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: gateway"));
    }
}
