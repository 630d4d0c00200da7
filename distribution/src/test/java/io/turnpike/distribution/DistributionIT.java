package io.turnpike.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.distribution.GatewayScript.Finished;
import io.turnpike.distribution.GatewayScript.Running;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.HeldRequests;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static io.turnpike.distribution.GatewayScript.freePort;
import static io.turnpike.distribution.GatewayScript.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The distribution zip, used as an operator uses it: unpacked, looked at, then driven through
 * {@code bin/gateway} with a Java 17 on PATH and no JAVA_HOME, so that the script has to find a Java 21+
 * by itself.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DistributionIT {

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path unpacked;
    private static Path home;

    @TempDir
    Path work;
    private GatewayScript gateway;
    private final List<AutoCloseable> upstreams = new ArrayList<>();

    @BeforeAll
    static void unzip() {
        home = Unzipped.unzip(Unzipped.distributionZip(), unpacked);
    }

    @BeforeEach
    void script() {
        gateway = new GatewayScript(home, work);
    }

    @AfterEach
    void stopEverything() throws Exception {
        gateway.close();
        for (AutoCloseable upstream : upstreams) {
            upstream.close();
        }
    }

    // --- the zip and its layout ---

    @Test
    void zipRecordsTheScriptsAsExecutableSoThatUnzipRestoresThem() {
        for (String script : List.of("bin/gateway", "bin/find-java.sh", "bin/bench", "bin/bench-grpc")) {
            var permissions = Unzipped.recordedPermissions(Unzipped.distributionZip(), home.getFileName() + "/" + script);
            assertTrue(permissions.contains(PosixFilePermission.OWNER_EXECUTE)
                            && permissions.contains(PosixFilePermission.GROUP_EXECUTE)
                            && permissions.contains(PosixFilePermission.OTHERS_EXECUTE),
                    script + " is recorded in the zip as " + permissions + "; unzip would leave it not executable");
        }
    }

    /** They need wrk, h2load and nginx to run, which CI lacks; their help shows that they and what they source load. */
    @Test
    void theBenchmarkScriptsLoadAndExplainThemselves() throws Exception {
        for (String script : List.of("bin/bench", "bin/bench-grpc")) {
            Process process = new ProcessBuilder(home.resolve(script).toString(), "--help")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes());

            assertTrue(process.waitFor(30, TimeUnit.SECONDS), script + " --help did not end");
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.startsWith("Turnpike ") && output.contains(script + " ["), output);
        }
    }

    @Test
    void layoutHasTheLauncherTheConfigAndTheServerLibraries() throws IOException {
        assertTrue(Files.isExecutable(home.resolve("bin/gateway")), "bin/gateway");
        assertTrue(Files.isRegularFile(home.resolve("bin/find-java.sh")), "bin/find-java.sh");
        assertTrue(Files.isRegularFile(home.resolve("conf/gateway.yaml")), "conf/gateway.yaml");
        assertTrue(Files.isRegularFile(home.resolve("conf/logging.properties")), "conf/logging.properties");
        assertTrue(Files.isRegularFile(home.resolve("README.md")), "README.md");
        assertTrue(Files.isRegularFile(home.resolve("docs/configuration.md")), "docs/configuration.md");
        List<String> lib = fileNames(home.resolve("lib"));
        assertTrue(lib.stream().anyMatch(name -> name.matches("gateway-server-.+\\.jar")), "lib/ lacks gateway-server: " + lib);
        // Bundled plugins take the plugin API from the server's class path (their own copy is "provided").
        assertTrue(lib.stream().anyMatch(name -> name.matches("plugin-api-.+\\.jar")), "lib/ lacks plugin-api: " + lib);
    }

    @Test
    void pluginsFolderHoldsExactlyOneJarForEveryPluginModuleInTheRepository() throws IOException {
        List<String> modules = pluginModules();
        assertFalse(modules.isEmpty(), "no plugin module (a folder with a pom.xml) under " + Unzipped.pluginsSource());
        List<String> jars = fileNames(home.resolve("plugins"));
        Map<String, List<String>> jarsByModule = new TreeMap<>();
        for (String module : modules) {
            jarsByModule.put(module, jars.stream().filter(jarOf(module)).toList());
        }
        jarsByModule.forEach((module, its) -> assertEquals(1, its.size(),
                "plugins/ should hold one jar of plugin module " + module + " (is it a dependency of distribution/pom.xml?);"
                        + " plugins/ holds " + jars));
        List<String> strangers = jars.stream().filter(jar -> modules.stream().noneMatch(m -> jarOf(m).test(jar))).toList();
        assertEquals(List.of(), strangers, "plugins/ holds files that are no plugin module's jar");
    }

    @Test
    void libFolderHoldsNoPluginJar() throws IOException {
        List<String> modules = pluginModules();
        List<String> misplaced = new ArrayList<>();
        for (String jar : fileNames(home.resolve("lib"))) {
            if (!jar.endsWith(".jar")) {
                continue; // the class-data archive that bin/gateway writes on first run
            }
            boolean namedAfterAPlugin = modules.stream().anyMatch(m -> jarOf(m).test(jar));
            if (namedAfterAPlugin || pluginIdOf(home.resolve("lib").resolve(jar)).isPresent()) {
                misplaced.add(jar);
            }
        }
        assertEquals(List.of(), misplaced, "plugin jars in lib/ would be loaded twice, once by the application class loader");
    }

    // --- bin/gateway validate ---

    @Test
    void validateAcceptsTheShippedConfigAndPrintsItsRouteTable() throws IOException {
        Finished validate = gateway.finish("validate", "--config", "conf/gateway.yaml");

        assertEquals(0, validate.exitCode(), validate::output);
        assertTrue(validate.stdout().startsWith("conf/gateway.yaml is valid."), validate::output);
        assertTrue(validate.stdoutLines().getFirst().endsWith(bundledPluginNames().toString()), validate::output);
        assertTrue(validate.stdoutLines().stream().anyMatch(Pattern.compile(
                        "demo +\\* +\\* +/demo/\\*\\* +demo +request-transformer").asMatchPredicate()),
                () -> "no route table row for the demo route through request-transformer\n" + validate.output());
    }

    @Test
    void validateWritesNothingButItsReportToStdoutEvenOnTheFirstRunOfAFreshUnzip(@TempDir Path elsewhere) {
        Path freshHome = Unzipped.unzip(Unzipped.distributionZip(), elsewhere.resolve("unpacked"));
        try (GatewayScript fresh = new GatewayScript(freshHome, elsewhere)) {
            Finished validate = fresh.finish("validate", "--config", "conf/gateway.yaml");

            assertEquals(0, validate.exitCode(), validate::output);
            List<String> lines = validate.stdoutLines();
            assertEquals(3, lines.size(), () -> "stdout should be the verdict, the table header and one route\n" + validate.output());
            assertTrue(lines.get(0).startsWith("conf/gateway.yaml is valid."), validate::output);
            assertTrue(lines.get(1).startsWith("ROUTE "), validate::output);
            assertTrue(lines.get(2).startsWith("demo "), validate::output);
        }
    }

    @Test
    void validateListsEveryUnknownKeyWithItsLocationAndExits1() {
        Path broken = write("broken.yaml", """
                server:
                  port: 8080
                  colour: blue
                admin:
                  prot: 9090
                upstreams:
                  backend:
                    targets:
                      - url: http://127.0.0.1:9001
                routes:
                  - id: api
                    match:
                      path: /api/**
                    upstream: backend
                """);

        Finished validate = gateway.finish("validate", "--config", broken.toString());

        assertEquals(1, validate.exitCode(), validate::output);
        assertErrors(validate, "broken.yaml",
                "server.colour: unknown key; allowed keys: ",
                "admin.prot: unknown key; allowed keys: host, port");
    }

    @Test
    void validateListsEveryBrokenRouteWithItsLocationAndExits1() {
        Path broken = write("broken.yaml", """
                server:
                  port: 8080
                upstreams:
                  backend:
                    targets:
                      - url: http://127.0.0.1:9001
                routes:
                  - id: api
                    match:
                      path: /api/**
                    upstream: nowhere
                  - id: web
                    match:
                      path: web/**
                    upstream: backend
                """);

        Finished validate = gateway.finish("validate", "--config", broken.toString());

        assertEquals(1, validate.exitCode(), validate::output);
        assertErrors(validate, "broken.yaml",
                "routes[0].upstream: no upstream is named \"nowhere\" (defined: backend)",
                "routes[1].match.path: must start with '/'");
    }

    @Test
    void validateListsEveryUnknownPluginAndPluginConfigErrorWithItsLocationAndExits1() throws IOException {
        Path broken = write("broken.yaml", """
                server:
                  port: 8080
                upstreams:
                  backend:
                    targets:
                      - url: http://127.0.0.1:9001
                routes:
                  - id: api
                    match:
                      path: /api/**
                    upstream: backend
                    plugins:
                      - name: no-such-plugin
                      - name: request-transformer
                        config:
                          add-headers: {X-Gateway: turnpike}
                          frobnicate: true
                """);

        Finished validate = gateway.finish("validate", "--config", broken.toString());

        assertEquals(1, validate.exitCode(), validate::output);
        assertErrors(validate, "broken.yaml",
                "routes[0].plugins[0].name: no loaded plugin is named 'no-such-plugin' (loaded: "
                        + String.join(", ", bundledPluginNames()) + ")",
                "routes[0].plugins[1].config.frobnicate: unknown key; allowed keys: ");
    }

    @Test
    void validateListsThePluginConfigErrorsInTheSameRunAsTheFilesOwnErrors() throws IOException {
        Path broken = write("broken.yaml", """
                server:
                  port: 80800
                upstreams:
                  backend:
                    targets:
                      - url: http://127.0.0.1:9001
                routes:
                  - id: api
                    match:
                      path: /api/**
                    upstream: backnd
                    plugins:
                      - name: request-transformer
                        config:
                          frobnicate: true
                """);

        Finished validate = gateway.finish("validate", "--config", broken.toString());

        assertEquals(1, validate.exitCode(), validate::output);
        assertErrors(validate, "broken.yaml",
                "server.port: ",
                "routes[0].upstream: no upstream is named \"backnd\"",
                "routes[0].plugins[0].config.frobnicate: unknown key; allowed keys: ");
    }

    // --- bin/gateway run ---

    @Test
    void runProxiesThroughTheBundledRequestTransformer() throws Exception {
        TestUpstream upstream = upstream(TestUpstream.ok());
        Ports ports = new Ports();
        Path config = write("gateway.yaml", apiConfig(ports, upstream.url()));
        Running run = gateway.start("run", "--config", config.toString());
        run.awaitOk(ports.health(), STARTUP_LIMIT);

        HttpResponse<String> response = get(ports.proxy() + "/api/hello", "X-Debug", "1");

        RecordedRequest seen = upstream.takeRequest();
        assertEquals("/hello", seen.rawPath(), run::output);
        assertEquals("turnpike", seen.header("X-Gateway"), run::output);
        assertNull(seen.header("X-Debug"), run::output);
        assertEquals(200, response.statusCode(), run::output);
        assertEquals("hello from upstream", response.body());
        assertFalse(response.headers().firstValue("X-Request-Id").orElse("").isBlank(),
                () -> "no X-Request-Id in " + response.headers().map());
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        Eventually.await("the access log line on standard output", () -> run.stdout().lines().anyMatch(line ->
                line.contains("\"request-id\":\"" + requestId + "\"") && line.contains("\"path\":\"/api/hello\"")
                        && line.contains("\"status\":200")));
    }

    @Test
    void sighupReloadsTheConfigFileWithoutARestart() throws Exception {
        reloadsOnSighup(config -> gateway.start("run", "--config", config.toString()));
    }

    /** nohup leaves SIGHUP ignored, and a JVM that starts with it ignored never sees it unless bin/gateway undoes that. */
    @Test
    void sighupReloadsAGatewayStartedUnderNohup() throws Exception {
        reloadsOnSighup(config -> gateway.startUnderNohup("run", "--config", config.toString()));
    }

    /** @param start runs the gateway on the config file given */
    private void reloadsOnSighup(Function<Path, Running> start) throws Exception {
        TestUpstream upstream = upstream(TestUpstream.ok());
        Ports ports = new Ports();
        Running run = start.apply(write("gateway.yaml", apiConfig(ports, upstream.url())));
        run.awaitOk(ports.health(), STARTUP_LIMIT);
        assertEquals(404, get(ports.proxy() + "/v2/hello").statusCode(), run::output);

        write("gateway.yaml", apiConfig(ports, upstream.url()).replace("path: /api/**", "path: /v2/**")
                .replace("strip-prefix: /api", "strip-prefix: /v2"));
        Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(run.process().pid())).start();
        assertEquals(0, hup.waitFor(), run::output);

        run.awaitOk(ports.proxy() + "/v2/hello", STARTUP_LIMIT);
        assertEquals("/hello", upstream.takeRequest().rawPath(), run::output);
        assertTrue(run.process().isAlive(), run::output);
    }

    @Test
    void sigtermStopsARunningGatewayWithExitCode0() {
        TestUpstream upstream = upstream(TestUpstream.ok());
        Ports ports = new Ports();
        Path config = write("gateway.yaml", apiConfig(ports, upstream.url()));
        Running run = gateway.start("run", "--config", config.toString());
        run.awaitOk(ports.health(), STARTUP_LIMIT);

        run.process().destroy(); // SIGTERM

        assertTrue(run.waitFor(STOP_LIMIT), () -> "still running " + STOP_LIMIT + " after SIGTERM\n" + run.output());
        assertEquals(0, run.process().exitValue(), run::output);
    }

    /** Ctrl-C twice, or a second SIGTERM, ends the drain at once rather than at drain-timeout, still with exit 0. */
    @Test
    void aSecondSigtermEndsTheDrainAtOnce() throws Exception {
        HeldRequests held = new HeldRequests("/held");
        TestUpstream upstream = upstream(TestUpstream.handling(held));
        upstreams.add(held);
        Ports ports = new Ports();
        Path config = write("gateway.yaml", apiConfig(ports, upstream.url())
                .replace("  host: 127.0.0.1\n", "  host: 127.0.0.1\n  drain-timeout: 120s\n"));
        Running run = gateway.start("run", "--config", config.toString());
        run.awaitOk(ports.health(), STARTUP_LIMIT);
        Thread.ofVirtual().start(() -> {
            try {
                get(ports.proxy() + "/api/held");
            } catch (IOException | InterruptedException e) {
                // cut, as the test means it to be
            }
        });
        assertTrue(held.awaitArrival(Duration.ofSeconds(10)), run::output);

        run.process().destroy(); // SIGTERM
        Eventually.await("the drain begun", () -> run.output().contains("draining"));
        assertTrue(run.process().isAlive(), "draining while the request is under way\n" + run.output());
        run.process().destroy(); // SIGTERM again

        assertTrue(run.waitFor(STOP_LIMIT),
                () -> "still running " + STOP_LIMIT + " after two SIGTERMs\n" + run.output());
        assertEquals(0, run.process().exitValue(), run::output);
        assertTrue(run.output().contains("asked to stop again"), run::output);
    }

    @Test
    void runWithDemoUpstreamServesTheShippedConfigsDemoRoute() throws Exception {
        Ports ports = new Ports();
        int demoPort = freePort();
        String shipped = Files.readString(home.resolve("conf/gateway.yaml"));
        String config = replaceOnce(replaceOnce(replaceOnce(shipped,
                "port: 8080", "port: " + ports.proxyPort),
                "port: 9090", "port: " + ports.adminPort),
                "http://127.0.0.1:9001", "http://127.0.0.1:" + demoPort);
        Path copy = write("gateway.yaml", config);
        Running run = gateway.start("run", "--config", copy.toString(), "--with-demo-upstream", "--port", String.valueOf(demoPort));
        run.awaitOk(ports.health(), STARTUP_LIMIT);

        HttpResponse<String> response = get(ports.proxy() + "/demo/hello", "X-Debug", "1");

        assertEquals(200, response.statusCode(), run::output);
        JsonNode echo = JSON.readTree(response.body());
        assertEquals("turnpike-demo-upstream", echo.path("service").asText(), response::body);
        assertEquals("/hello", echo.path("path").asText(), response::body);
        assertEquals("turnpike", header(echo.path("headers"), "X-Gateway"), response::body);
        assertNull(header(echo.path("headers"), "X-Debug"), response::body);
    }

    @Test
    void findsAJava21OrNewerByItselfWhenPathOffersAJava17AndJavaHomeIsUnset() throws IOException {
        int port = freePort();
        Running demo = gateway.start("demo-upstream", "--port", String.valueOf(port));
        demo.awaitOk("http://127.0.0.1:" + port + "/", STARTUP_LIMIT);

        // bin/gateway execs java, so the process is the JVM the script chose.
        Path java = Path.of(demo.process().info().command()
                .orElseThrow(() -> new AssertionError("the JVM's executable is unknown")));
        assertFalse(java.startsWith(gateway.oldJavaBin()), "ran the Java 17 on PATH: " + java);
        Path release = java.getParent().getParent().resolve("release");
        String version = Files.readAllLines(release).stream()
                .filter(line -> line.startsWith("JAVA_VERSION="))
                .findFirst().orElseThrow(() -> new AssertionError("no JAVA_VERSION in " + release))
                .replaceAll("\\D*(\\d+).*", "$1");
        assertTrue(Integer.parseInt(version) >= 21, "ran Java " + version + " from " + java);
    }

    @Test
    void runExitsNonZeroWhenItsPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Ports ports = new Ports();
            Path config = write("gateway.yaml", apiConfig(new Ports(taken.getLocalPort(), ports.adminPort), "http://127.0.0.1:9"));
            Running run = gateway.start("run", "--config", config.toString());

            assertTrue(run.waitFor(STARTUP_LIMIT), () -> "still running though port " + taken.getLocalPort() + " is taken\n" + run.output());
            assertNotEquals(0, run.process().exitValue(), run::output);
        }
    }

    // --- helpers ---

    /** Two free ports, for the proxy and the admin listener. */
    private record Ports(int proxyPort, int adminPort) {
        Ports() {
            this(freePort(), freePort());
        }

        String proxy() {
            return "http://127.0.0.1:" + proxyPort;
        }

        String health() {
            return "http://127.0.0.1:" + adminPort + "/health";
        }
    }

    private static String apiConfig(Ports ports, String upstreamUrl) {
        return """
                server:
                  host: 127.0.0.1
                  port: %d
                admin:
                  port: %d
                upstreams:
                  backend:
                    targets:
                      - url: %s
                routes:
                  - id: api
                    match:
                      path: /api/**
                    upstream: backend
                    strip-prefix: /api
                    plugins:
                      - name: request-transformer
                        config:
                          add-headers: {X-Gateway: turnpike}
                          remove-headers: [X-Debug]
                """.formatted(ports.proxyPort(), ports.adminPort(), upstreamUrl);
    }

    private <T extends AutoCloseable> T upstream(T upstream) {
        upstreams.add(upstream);
        return upstream;
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(work.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            fail("expected exactly one \"" + from + "\" in conf/gateway.yaml, to move it off its fixed port:\n" + text);
        }
        return text.replace(from, to);
    }

    /** Every error line names the file and is one of those expected; every expected one is there. */
    private static void assertErrors(Finished validate, String file, String... expected) {
        Pattern errorLine = Pattern.compile("(\\S*/)?" + Pattern.quote(file) + ": (.*)");
        List<String> errors = validate.stderrLines().stream()
                .map(errorLine::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(2))
                .toList();
        for (String error : expected) {
            assertTrue(errors.stream().anyMatch(e -> e.startsWith(error)),
                    () -> "missing error \"" + error + "\"\n" + validate.output());
        }
        assertEquals(expected.length, errors.size(), () -> "expected exactly " + expected.length + " errors\n" + validate.output());
    }

    /** @return the plugin modules' artifact ids: every folder under the repository's plugins/ with a pom.xml */
    /** Every bundled plugin has its page under docs/plugins, named after it (a jar may provide several). */
    private static List<String> bundledPluginNames() throws IOException {
        try (Stream<Path> pages = Files.list(home.resolve("docs/plugins"))) {
            return pages.map(page -> page.getFileName().toString())
                    .filter(name -> name.endsWith(".md"))
                    .map(name -> name.substring(0, name.length() - 3))
                    .sorted()
                    .toList();
        }
    }

    /** The plugins under plugins/: the modules whose parent is plugins-parent, not the libraries beside them. */
    private static List<String> pluginModules() throws IOException {
        try (Stream<Path> dirs = Files.list(Unzipped.pluginsSource())) {
            return dirs.map(dir -> dir.resolve("pom.xml"))
                    .filter(Files::isRegularFile)
                    .map(DistributionIT::project)
                    .filter(project -> element(project, "parent").map(parent -> text(parent, "artifactId"))
                            .filter("plugins-parent"::equals).isPresent())
                    .map(project -> text(project, "artifactId"))
                    .sorted()
                    .toList();
        }
    }

    private static Element project(Path pom) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("cannot read " + pom, e);
        }
    }

    private static Optional<Element> element(Element parent, String tag) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(tag)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    /** The text of an element's child, or empty when there is none. */
    private static String text(Element parent, String tag) {
        return element(parent, tag).map(child -> child.getTextContent().trim()).orElse("");
    }

    /** A module's jar is named artifactId-VERSION.jar; a version starts with a digit. */
    private static Predicate<String> jarOf(String artifactId) {
        return Pattern.compile(Pattern.quote(artifactId) + "-\\d[^/]*\\.jar").asMatchPredicate();
    }

    private static Optional<String> pluginIdOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Optional.ofNullable(file.getManifest())
                    .map(manifest -> manifest.getMainAttributes().getValue("Plugin-Id"));
        }
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** A header the demo upstream echoed, any case. */
    private static String header(JsonNode headers, String name) {
        for (Map.Entry<String, JsonNode> field : headers.properties()) {
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue().asText();
            }
        }
        return null;
    }
}
