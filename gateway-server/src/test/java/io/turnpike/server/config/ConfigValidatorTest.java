package io.turnpike.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The semantic checks, each shown through a file that breaks exactly one rule. */
class ConfigValidatorTest {

    private static final String UPSTREAM = """
            upstreams:
              users:
                targets: [{url: "http://127.0.0.1:9001"}]
            """;
    private static final String ROUTE = """
              - id: users
                match: {path: /api/users/**}
                upstream: users
            """;

    private final ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/plugins"));

    private GatewayConfig load(String yaml) {
        return loader.load(yaml, Path.of("/etc/turnpike")).config();
    }

    private List<String> errorsOf(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml)).errors();
    }

    /** A valid file with one route whose keys below {@code id} and {@code upstream} are replaced. */
    private List<String> routeErrors(String routeBody) {
        return errorsOf(UPSTREAM + "routes:\n  - id: r\n    upstream: users\n" + routeBody.indent(4));
    }

    private List<String> targetErrors(String target) {
        return errorsOf("upstreams:\n  users:\n    targets:\n      - " + target + "\n");
    }

    @Test
    void portZeroIsAllowedSoTestsCanAskForAFreePort() {
        GatewayConfig config = load("server: {port: 0}\nadmin: {port: 0}\n" + UPSTREAM);

        assertEquals(0, config.server().port());
        assertEquals(0, config.admin().port());
    }

    @Test
    void portAbove65535IsAnError() {
        assertEquals(List.of("server.port: must be 0 to 65535 (0 picks a free port), got 65536"),
                errorsOf("server: {port: 65536}"));
    }

    @Test
    void negativeAdminPortIsAnError() {
        assertEquals(List.of("admin.port: must be 0 to 65535 (0 picks a free port), got -1"),
                errorsOf("admin: {port: -1}"));
    }

    @Test
    void adminPortEqualToServerPortIsAnError() {
        assertEquals(List.of("admin.port: 8080 is also server.port; the two listeners need different ports"),
                errorsOf("admin: {port: 8080}"));
    }

    @Test
    void samePortOnTwoDistinctAddressesIsAllowed() {
        GatewayConfig config = load("server: {host: 10.0.0.1, port: 8080}\nadmin: {host: 127.0.0.1, port: 8080}");

        assertEquals(8080, config.admin().port());
    }

    @Test
    void blankHostIsAnError() {
        assertEquals(List.of("server.host: must not be blank; leave it out for the default"),
                errorsOf("server: {host: ' '}"));
    }

    @Test
    void zeroDrainTimeoutIsAnError() {
        assertEquals(List.of("server.drain-timeout: must be more than 0, got 0ms"),
                errorsOf("server: {drain-timeout: 0s}"));
    }

    @Test
    void zeroMaxHeaderSizeIsAnError() {
        assertEquals(List.of("server.max-header-size: must be more than 0, got 0"),
                errorsOf("server: {max-header-size: 0}"));
    }

    @Test
    void maxBodySizeBelowMinusOneIsAnError() {
        assertEquals(List.of("server.max-body-size: must be -1 (unlimited) or at least 0, got -2"),
                errorsOf("server: {max-body-size: -2}"));
    }

    @Test
    void trustedProxiesTakeAddressesAndRangesOfBothFamilies() {
        GatewayConfig config = load("server: {trusted-proxies: [10.0.0.0/8, \"::1/128\", 127.0.0.1, \"2001:db8::/32\"]}\n"
                + UPSTREAM);

        assertEquals(List.of("10.0.0.0/8", "::1/128", "127.0.0.1", "2001:db8::/32"), config.server().trustedProxies());
    }

    @Test
    void aTrustedProxyThatIsNotALiteralAddressOrRangeIsAnErrorAtItsIndex() {
        List<String> errors = errorsOf("server: {trusted-proxies: [10.0.0.0/8, proxy.internal, 10.1.0.0/8]}");

        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("server.trusted-proxies[1]: not an IP address or CIDR range: \"proxy.internal\""),
                errors.get(0));
        assertTrue(errors.get(1).startsWith("server.trusted-proxies[2]: \"10.1.0.0/8\" has bits set after its /8 prefix"),
                errors.get(1));
    }

    @Test
    void blankPluginsDirectoryIsAnError() {
        assertEquals(List.of("plugins.directory: must not be blank; leave it out to use the default"),
                errorsOf("plugins: {directory: ''}"));
    }

    @Test
    void upstreamWithoutTargetsIsAnError() {
        assertEquals(List.of("upstreams.users.targets: at least one target is needed"),
                errorsOf("upstreams: {users: {connect-timeout: 1s}}"));
    }

    @Test
    void upstreamNameOutsideTheIdAlphabetIsAnError() {
        assertEquals(List.of("upstreams.user service: the name may hold only letters, digits, '.', '_' and '-'"),
                errorsOf("upstreams: {user service: {targets: [{url: 'http://a'}]}}"));
    }

    @Test
    void targetWithoutUrlIsAnError() {
        assertEquals(List.of("upstreams.users.targets[0].url: missing; write the target's base URL, such as "
                + "http://10.0.0.5:8080"), targetErrors("{weight: 2}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:9001", "/relative", "ftp://files.example.com"})
    void targetUrlMustBeAbsoluteHttpOrHttps(String url) {
        assertEquals(List.of("upstreams.users.targets[0].url: must be an absolute http:// or https:// URL, got \""
                + url + "\""), targetErrors("url: '" + url + "'"));
    }

    @Test
    void targetUrlMustNameAHost() {
        assertEquals(List.of("upstreams.users.targets[0].url: must name a host, got \"http:///x\""),
                targetErrors("url: 'http:///x'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://a/x?y=1", "http://a/x#top"})
    void targetUrlMustNotHaveAQueryOrFragment(String url) {
        assertEquals(List.of("upstreams.users.targets[0].url: must not have a query or fragment, got \"" + url + "\""),
                targetErrors("url: '" + url + "'"));
    }

    @Test
    void targetUrlMustNotHoldCredentials() {
        assertEquals(List.of("upstreams.users.targets[0].url: must not hold credentials; use a plugin to "
                + "authenticate to the upstream, got \"http://u:p@a\""), targetErrors("url: 'http://u:p@a'"));
    }

    @Test
    void targetUrlThatDoesNotParseIsAnError() {
        assertEquals(List.of("upstreams.users.targets[0].url: not a valid URL (Illegal character in authority), "
                + "got \"http://a b\""), targetErrors("url: 'http://a b'"));
    }

    @Test
    void httpsTargetWithABasePathIsAccepted() {
        GatewayConfig config = load("upstreams: {u: {targets: [{url: 'HTTPS://api.example.com:8443/v1/'}]}}");

        assertEquals("HTTPS://api.example.com:8443/v1/", config.upstreams().get("u").targets().getFirst().url());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1001})
    void weightMustBe1To1000(int weight) {
        assertEquals(List.of("upstreams.users.targets[0].weight: must be 1 to 1000, got " + weight),
                targetErrors("{url: 'http://a', weight: " + weight + "}"));
    }

    @Test
    void zeroTimeoutsAreErrors() {
        assertEquals(List.of("upstreams.users.connect-timeout: must be more than 0, got 0ms",
                "upstreams.users.read-timeout: must be more than 0, got 0ms",
                "upstreams.users.idle-timeout: must be more than 0, got 0ms"),
                errorsOf(UPSTREAM + "    connect-timeout: 0ms\n    read-timeout: 0s\n    idle-timeout: 0s\n"));
    }

    @Test
    void routeWithoutIdIsAnError() {
        assertEquals(List.of("routes[0].id: missing; every route needs a unique id"),
                errorsOf(UPSTREAM + "routes:\n  - {match: {path: /}, upstream: users}\n"));
    }

    @Test
    void routeIdOutsideItsAlphabetIsAnError() {
        assertEquals(List.of("routes[0].id: may hold only letters, digits, '.', '_' and '-', got \"users/v2\""),
                errorsOf(UPSTREAM + "routes:\n  - {id: users/v2, match: {path: /}, upstream: users}\n"));
    }

    @Test
    void duplicateRouteIdNamesTheRouteThatHasIt() {
        assertEquals(List.of("routes[2].id: \"users\" is already the id of routes[0]"),
                errorsOf(UPSTREAM + "routes:\n" + ROUTE + ROUTE.replace("id: users", "id: other") + ROUTE));
    }

    @Test
    void routeWithoutMatchIsAnError() {
        assertEquals(List.of("routes[0].match: missing; every route needs at least match.path"), routeErrors(""));
    }

    @Test
    void matchWithoutPathIsAnError() {
        assertEquals(List.of("routes[0].match.path: missing; such as /api/users/**"),
                routeErrors("match: {methods: [GET]}"));
    }

    @Test
    void pathMustStartWithASlash() {
        assertEquals(List.of("routes[0].match.path: must start with '/', got \"api/**\""),
                routeErrors("match: {path: api/**}"));
    }

    @Test
    void methodsAreUpperCased() {
        GatewayConfig config = load(UPSTREAM + "routes:\n" + ROUTE.replace("{path: /api/users/**}",
                "{path: /, methods: [get, Post]}"));

        assertEquals(List.of("GET", "POST"), config.routes().getFirst().match().methods());
    }

    @Test
    void methodThatIsNotAnHttpTokenIsAnError() {
        assertEquals(List.of("routes[0].match.methods[1]: not an HTTP method, got \"GET POST\""),
                routeErrors("match: {path: /, methods: [PUT, GET POST]}"));
    }

    @Test
    void wildcardHostIsAccepted() {
        GatewayConfig config = load(UPSTREAM + "routes:\n" + ROUTE.replace("{path: /api/users/**}",
                "{path: /, host: '*.example.com'}"));

        assertEquals("*.example.com", config.routes().getFirst().match().host());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com:8080", "api.*.com", "http://api.example.com"})
    void hostMustBeANameWithAnOptionalLeadingWildcard(String host) {
        assertEquals(List.of("routes[0].match.host: must be a host name, optionally starting with '*.', without a "
                + "port, got \"" + host + "\""), routeErrors("match: {path: /, host: '" + host + "'}"));
    }

    @Test
    void headerNameThatIsNotAnHttpTokenIsAnError() {
        assertEquals(List.of("routes[0].match.headers: \"X Version\" is not a valid header name"),
                routeErrors("match: {path: /, headers: {X Version: '2'}}"));
    }

    @Test
    void blankUpstreamIsAnErrorListingTheDefinedOnes() {
        assertEquals(List.of("routes[0].upstream: must not be blank; name one of the upstreams (defined: users)"),
                errorsOf(UPSTREAM + "routes:\n  - {id: r, match: {path: /}, upstream: ' '}\n"));
    }

    /** Whether one of its plugins answers in place of an upstream is known once plugins load (ChainFactory). */
    @Test
    void routeWithoutUpstreamIsLeftToThePluginChecks() {
        assertNull(load(UPSTREAM + "routes:\n  - {id: r, match: {path: /}}\n").routes().getFirst().upstream());
    }

    @Test
    void unknownUpstreamIsNamedAlongWithTheDefinedOnes() {
        assertEquals(List.of("routes[0].upstream: no upstream is named \"user\" (defined: users, orders)"),
                errorsOf(UPSTREAM + "  orders: {targets: [{url: 'http://b'}]}\nroutes:\n"
                        + ROUTE.replace("upstream: users", "upstream: user")));
    }

    @Test
    void unknownUpstreamWhenNoneAreDefinedSaysSo() {
        assertEquals(List.of("routes[0].upstream: no upstream is named \"users\" (none are defined)"),
                errorsOf("routes:\n" + ROUTE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "/api/", "/"})
    void stripPrefixMustStartWithASlashAndNotEndWithOne(String prefix) {
        assertEquals(List.of("routes[0].strip-prefix: must start with '/' and not end with '/', such as /api, got \""
                + prefix + "\""), routeErrors("match: {path: /api/**}\nstrip-prefix: '" + prefix + "'"));
    }

    @Test
    void pluginWithoutANameIsAnError() {
        assertEquals(List.of("routes[0].plugins[1].name: missing; name the plugin to apply"),
                routeErrors("match: {path: /}\nplugins:\n  - name: cors\n  - config: {a: 1}"));
    }

    @Test
    void pluginConfigIsKeptUnboundForThePluginHost() {
        GatewayConfig config = load(UPSTREAM + "routes:\n" + ROUTE
                + "    plugins: [{name: rate-limit, config: {anything: [1, 2], goes: here}}]\n");

        assertEquals(2, config.routes().getFirst().plugins().getFirst().config().get("anything").size());
    }

    @Test
    void everySemanticErrorIsReportedAtOnceInFileOrder() {
        assertEquals(List.of(
                "server.port: must be 0 to 65535 (0 picks a free port), got 99999",
                "upstreams.users.targets[0].weight: must be 1 to 1000, got 0",
                "routes[0].match.path: must start with '/', got \"api\"",
                "routes[0].upstream: no upstream is named \"nobody\" (defined: users)",
                "routes[1].id: missing; every route needs a unique id"),
                errorsOf("""
                        server: {port: 99999}
                        upstreams:
                          users:
                            targets: [{url: "http://a", weight: 0}]
                        routes:
                          - {id: a, match: {path: api}, upstream: nobody}
                          - {match: {path: /b}, upstream: users}
                        """));
    }

    @Test
    void clientCertificateWithoutItsKeyIsAnError() {
        assertEquals(List.of("upstreams.billing.tls: cert-file and key-file go together; give both to present a "
                        + "client certificate, or neither"),
                errorsOf("upstreams:\n  billing:\n    targets: [{url: 'https://10.0.0.5'}]\n"
                        + "    tls: {cert-file: gateway.pem}\n"));
    }

    @Test
    void tlsOnAnUpstreamWithNoHttpsTargetIsAnError() {
        assertEquals(List.of("upstreams.billing.tls: applies to https:// targets, and this upstream has none"),
                errorsOf("upstreams:\n  billing:\n    targets: [{url: 'http://10.0.0.5'}]\n"
                        + "    tls: {ca-file: ca.pem}\n"));
    }

    @Test
    void listenerTlsNeedsBothTheCertificateAndItsKey() {
        assertEquals(List.of("server.tls.key-file: missing; the listener needs the certificate's private key"),
                errorsOf("server:\n  tls: {cert-file: gateway.pem}\n" + UPSTREAM));
        assertEquals(List.of("server.tls.cert-file: missing; the listener needs the certificate it presents",
                        "server.tls.key-file: missing; the listener needs the certificate's private key"),
                errorsOf("server:\n  tls: {client-ca-file: clients.pem}\n" + UPSTREAM));
    }

    @Test
    void blankTlsFileIsAnError() {
        assertEquals(List.of("upstreams.billing.tls.ca-file: must not be blank; leave it out instead"),
                errorsOf("upstreams:\n  billing:\n    targets: [{url: 'https://10.0.0.5'}]\n"
                        + "    tls: {ca-file: ' '}\n"));
    }

    @Test
    void otlpExportWithoutAnEndpointIsAnError() {
        assertEquals(List.of("telemetry.otlp.endpoint: missing; write the collector's base URL, such as "
                + "http://otel-collector:4318"), errorsOf("telemetry: {otlp: {interval: 10s}}"));
    }

    @Test
    void otlpEndpointWithCredentialsIsAnErrorPointingToHeaders() {
        assertEquals(List.of("telemetry.otlp.endpoint: must not hold credentials; send them in telemetry.otlp.headers"),
                errorsOf("telemetry: {otlp: {endpoint: 'https://user:pw@collector:4318'}}"));
    }

    @Test
    void otlpEndpointThatIsNotAnHttpUrlIsAnError() {
        assertEquals(List.of("telemetry.otlp.endpoint: must be an absolute http:// or https:// URL, got \"collector:4318\""),
                errorsOf("telemetry: {otlp: {endpoint: 'collector:4318'}}"));
    }
}
