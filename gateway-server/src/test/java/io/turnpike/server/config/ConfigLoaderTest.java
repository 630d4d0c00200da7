package io.turnpike.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a file end to end: read, parse, substitute, bind, validate, resolve paths. */
class ConfigLoaderTest {

    private static final String VALID = """
            upstreams:
              users:
                targets: [{url: "http://127.0.0.1:9001"}]
            routes:
              - id: users
                match: {path: /api/users/**}
                upstream: users
            """;

    @TempDir
    Path dir;

    private final Path defaultPlugins = Path.of("/opt/turnpike/plugins");
    private final ConfigLoader loader = new ConfigLoader(Map.of("SECRET", "s3cr3t", "PORT", "8443"), defaultPlugins);

    private List<String> errorsOf(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.load(yaml, dir)).errors();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ConfigLoaderTest.class.getResource("/config/" + name).toURI());
    }

    @Test
    void checkHandsOnWhatBoundBesideTheErrorsForThePluginChecks() throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), VALID.replace("upstream: users", "upstream: [users]")
                + "plugins: {directory: my-plugins}\n");

        ConfigCheck check = loader.check(file);

        assertEquals(List.of("routes[0].upstream: expected a string, got a list"), check.errors());
        assertEquals("/api/users/**", check.bound().orElseThrow().routes().get(0).match().path());
        assertEquals(dir.resolve("my-plugins"), check.pluginsDirectory().orElseThrow());
        assertTrue(check.hasErrorAt("routes[0]"));
        assertFalse(check.hasErrorAt("routes[0].plugins"));
    }

    @Test
    void checkGivesNoPluginsFolderWhenItsSettingIsInError() throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), VALID + "plugins: {directory: [my-plugins]}\n");

        ConfigCheck check = loader.check(file);

        assertEquals(1, check.errors().size(), check.errors()::toString);
        assertEquals(Optional.empty(), check.pluginsDirectory());
    }

    @Test
    void sampleFileBindsAsWritten() throws Exception {
        LoadedConfig loaded = loader.load(resource("sample-gateway.yaml"));
        GatewayConfig config = loaded.config();

        assertEquals(8080, config.server().port());
        assertEquals("0.0.0.0", config.server().host());
        assertEquals(9090, config.admin().port());
        assertEquals("127.0.0.1", config.admin().host());
        assertEquals(resource("sample-gateway.yaml").getParent().resolve("plugins"), loaded.pluginsDirectory());

        UpstreamConfig users = config.upstreams().get("users");
        assertEquals(List.of(new TargetConfig("http://127.0.0.1:9001", 1), new TargetConfig("http://127.0.0.1:9002", 1)),
                users.targets());
        assertEquals(Duration.ofSeconds(1), users.connectTimeout());
        assertEquals(Duration.ofSeconds(5), users.readTimeout());

        RouteConfig route = config.routes().getFirst();
        assertEquals("users", route.id());
        assertEquals(new MatchConfig("/api/users/**", List.of("GET", "POST"), "api.example.com", Map.of("X-Version", "2")),
                route.match());
        assertEquals("users", route.upstream());
        assertEquals("/api", route.stripPrefix());
        assertEquals(false, route.preserveHost());
        assertEquals(false, route.allowEncodedSlashes());
        PluginRefConfig plugin = route.plugins().getFirst();
        assertEquals("request-transformer", plugin.name());
        assertEquals("yes", plugin.config().at("/add-headers/X-Gateway").textValue());
    }

    @Test
    void absentSectionsTakeTheirDefaults() {
        GatewayConfig config = loader.load(VALID, dir).config();

        assertEquals(ServerConfig.DEFAULT, config.server());
        assertEquals(AdminConfig.DEFAULT, config.admin());
        assertEquals(Duration.ofSeconds(30), config.server().drainTimeout());
        assertEquals(16_384, config.server().maxHeaderSize());
        assertEquals(-1L, config.server().maxBodySize());
        assertEquals(Duration.ofSeconds(2), config.upstreams().get("users").connectTimeout());
        assertEquals(Duration.ofSeconds(30), config.upstreams().get("users").readTimeout());
    }

    @Test
    void booleanFlagsBindFromKebabCaseKeys() {
        RouteConfig route = loader.load(VALID + "    preserve-host: true\n    allow-encoded-slashes: true\n", dir)
                .config().routes().getFirst();

        assertEquals(true, route.preserveHost());
        assertEquals(true, route.allowEncodedSlashes());
    }

    @Test
    void relativePluginsDirectoryResolvesAgainstTheConfigFilesFolder() {
        LoadedConfig loaded = loader.load("plugins: {directory: ../shared/plugins}\n" + VALID, dir.resolve("conf"));

        assertEquals(dir.resolve("shared/plugins"), loaded.pluginsDirectory());
    }

    @Test
    void absolutePluginsDirectoryIsKept() {
        LoadedConfig loaded = loader.load("plugins: {directory: /srv/plugins}\n" + VALID, dir);

        assertEquals(Path.of("/srv/plugins"), loaded.pluginsDirectory());
    }

    @Test
    void absentPluginsDirectoryIsTheGivenDefault() {
        assertEquals(defaultPlugins, loader.load(VALID, dir).pluginsDirectory());
    }

    @Test
    void loadedFileIsAbsolute() throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), VALID);

        assertEquals(file.toAbsolutePath(), loader.load(file).file());
    }

    @Test
    void missingFileIsAnErrorNamingThePath() {
        Path file = dir.resolve("nope.yaml");

        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));

        assertEquals("nope.yaml: file not found: " + file.toAbsolutePath(), e.getMessage());
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), "");

        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));

        assertEquals(List.of("the file is empty"), e.errors());
    }

    @Test
    void fileOfOnlyCommentsIsEmpty() {
        assertEquals(List.of("the file is empty"), errorsOf("# server:\n#   port: 8080\n"));
    }

    @Test
    void syntaxErrorGivesLineAndColumn() {
        assertEquals(List.of("line 2, column 10: mapping values are not allowed here"),
                errorsOf("server:\n  port: 1: 2\n"));
    }

    @Test
    void tabIndentationIsASyntaxErrorOnItsLine() {
        List<String> errors = errorsOf("server:\n\tport: 1\n");

        assertEquals(1, errors.size());
        assertEquals(true, errors.getFirst().startsWith("line 2, column 1: found character '\\t(TAB)'"), errors.getFirst());
    }

    @Test
    void duplicateKeyIsAnErrorWithItsLine() {
        assertEquals(List.of("line 3, column 7: duplicate key 'port'"), errorsOf("server:\n  port: 1\n  port: 2\n"));
    }

    @Test
    void secondDocumentIsAnErrorRatherThanIgnored() {
        assertEquals(List.of("line 5, column 1: only one YAML document is allowed; another starts here"),
                errorsOf(VALID.replace("routes:", "---\nroutes:")));
    }

    @Test
    void aliasIsAnErrorRatherThanReadAsItsName() {
        assertEquals(List.of("line 3, column 16: YAML aliases (*t) are not supported; write the value out"),
                errorsOf("""
                        upstreams:
                          a: {targets: &t [{url: "http://a"}]}
                          b: {targets: *t}
                        """));
    }

    @Test
    void topLevelListIsAnError() {
        assertEquals(List.of("(top level): expected a mapping of sections, got a list"), errorsOf("- server\n"));
    }

    @Test
    void unknownTopLevelKeyListsTheSections() {
        assertEquals(List.of("route: unknown key; allowed keys: server, admin, plugins, upstreams, routes, consumers, consumer-headers, telemetry"),
                errorsOf(VALID + "route: []\n"));
    }

    @Test
    void everyBindingErrorInTheFileIsReportedInOneRun() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(resource("several-errors.yaml")));

        assertEquals(List.of(
                "server.port: expected an integer, got \"eighty\"",
                "server.colour: unknown key; allowed keys: host, port, drain-timeout, max-header-size, max-body-size, trusted-proxies, access-log, tls, http2, max-connections, idle-timeout, proxy-protocol, http-redirect",
                "upstreams.users.targets[0].weight: expected an integer, got \"heavy\"",
                "upstreams.users.connect-timeout: expected a duration such as 500ms, 2s, 1m, 1h or 1d, "
                        + "got \"5 seconds\"",
                "routes[0].match.method: unknown key; allowed keys: path, methods, host, headers"),
                e.errors());
    }

    @Test
    void messageHasOneErrorALinePrefixedWithTheFileName() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(resource("several-errors.yaml")));

        List<String> lines = e.getMessage().lines().toList();
        assertEquals(e.errors().size(), lines.size());
        assertEquals("several-errors.yaml: server.port: expected an integer, got \"eighty\"", lines.getFirst());
    }

    @Test
    void semanticChecksRunBesideBindingErrors() {
        assertEquals(List.of(
                "server.prot: unknown key; allowed keys: host, port, drain-timeout, max-header-size, "
                        + "max-body-size, trusted-proxies, access-log, tls, http2, max-connections, idle-timeout, proxy-protocol, http-redirect",
                "routes[0].upstream: no upstream is named \"nobody\" (defined: users)"),
                errorsOf(VALID.replace("upstream: users", "upstream: nobody") + "server: {prot: 1}\n"));
    }

    @Test
    void valueOfTheWrongTypeIsNotAlsoReportedAsMissing() {
        assertEquals(List.of("routes[0].upstream: expected a string, got a list"),
                errorsOf(VALID.replace("upstream: users", "upstream: [users]")));
    }

    @Test
    void brokenUpstreamStillExistsForTheRoutesThatNameIt() {
        assertEquals(List.of("upstreams.users: expected a mapping, got 5"),
                errorsOf(VALID.replace("""
                          users:
                            targets: [{url: "http://127.0.0.1:9001"}]
                        """, "  users: 5\n")));
    }

    @Test
    void listItemInErrorKeepsTheIndexesOfTheItemsAfterIt() {
        assertEquals(List.of(
                "upstreams.users.targets[0]: expected a mapping, got 5",
                "upstreams.users.targets[1].url: must be an absolute http:// or https:// URL, got \"ftp://x\""),
                errorsOf(VALID.replace("targets: [{url: \"http://127.0.0.1:9001\"}]", "targets: [5, {url: \"ftp://x\"}]")));
    }

    @Test
    void semanticErrorsAreAllReportedWithTheirLocations() {
        assertEquals(List.of(
                "server.port: must be 0 to 65535 (0 picks a free port), got 70000",
                "routes[0].upstream: no upstream is named \"nobody\" (defined: users)"),
                errorsOf(VALID.replace("upstream: users", "upstream: nobody") + "server: {port: 70000}\n"));
    }

    @Test
    void environmentVariablesAreSubstitutedBeforeBinding() {
        GatewayConfig config = loader.load("server: {port: '${PORT}'}\n" + VALID, dir).config();

        assertEquals(8443, config.server().port());
    }

    @Test
    void environmentVariablesAreSubstitutedInsidePluginConfig() {
        GatewayConfig config = loader.load(VALID + """
                    plugins:
                      - name: jwt
                        config: {secret: "${SECRET}"}
                """, dir).config();

        assertEquals("s3cr3t", config.routes().getFirst().plugins().getFirst().config().get("secret").textValue());
    }

    @Test
    void unsetVariableIsReportedOnceNotAlsoAsAWrongType() {
        assertEquals(List.of("server.port: environment variable HTTP_PORT is not set and has no default"),
                errorsOf("server: {port: '${HTTP_PORT}'}\n" + VALID));
    }

    @Test
    void unsetVariableIsReportedAlongsideBindingErrors() {
        assertEquals(List.of(
                "server.host: environment variable BIND is not set and has no default",
                "server.prot: unknown key; allowed keys: host, port, drain-timeout, max-header-size, max-body-size, trusted-proxies, access-log, tls, http2, max-connections, idle-timeout, proxy-protocol, http-redirect"),
                errorsOf("server: {host: '${BIND}', prot: 1}\n" + VALID));
    }

    @Test
    void oneArgumentLoaderDefaultsToPluginsInTheWorkingDirectory() {
        LoadedConfig loaded = new ConfigLoader(Map.of()).load(VALID, dir);

        assertEquals(Path.of("plugins").toAbsolutePath(), loaded.pluginsDirectory());
    }

    @Test
    void keyWithNoValueTakesItsDefault() {
        GatewayConfig config = loader.load("server:\n  port:\n" + VALID, dir).config();

        assertEquals(8080, config.server().port());
    }

    @Test
    void unquotedYesIsAYamlBooleanSoAHeaderValueBecomesTrue() {
        // documented as a pitfall in docs/configuration.md: quote such values
        GatewayConfig config = loader.load(VALID.replace("{path: /api/users/**}",
                "{path: /, headers: {X-Beta: yes, X-Quoted: \"yes\"}}"), dir).config();

        assertEquals(Map.of("X-Beta", "true", "X-Quoted", "yes"), config.routes().getFirst().match().headers());
    }
}
