package io.turnpike.plugins.introspection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Phase;
import io.turnpike.plugins.support.ServiceTls;
import org.junit.jupiter.api.Test;

/** The config errors of docs/plugins/oauth2-introspection.md, each at the key and with the message the page shows. */
class IntrospectionPluginTest {

    private static final String URL = "https://id.example.com/oauth2/introspect";

    private final IntrospectionPlugin plugin = new IntrospectionPlugin();

    /** A usable config but for the changes given. */
    private static IntrospectionConfig config(String url, String clientId, String clientSecret, Duration timeout,
                                              Duration cacheTtl, Integer cacheSize, List<String> scopes,
                                              Map<String, String> forwardClaims, Integer maxConcurrent, ServiceTls tls) {
        return new IntrospectionConfig(url, clientId, clientSecret, null, timeout, cacheTtl, cacheSize, null, null,
                scopes, null, forwardClaims, null, maxConcurrent, tls);
    }

    private static IntrospectionConfig valid() {
        return config(URL, "gateway", "secret", null, null, null, null, null, null, null);
    }

    private List<ConfigError> errors(IntrospectionConfig config) {
        return plugin.validate(config);
    }

    private static List<ConfigError> error(String key, String message) {
        return List.of(new ConfigError(key, message));
    }

    @Test
    void authenticatesInTheRoutesAuthenticationStep() {
        assertEquals(Phase.AUTHENTICATION, plugin.phase());
    }

    @Test
    void aUsableConfigHasNoErrors() {
        assertEquals(List.of(), errors(valid()));
        assertEquals(List.of(), errors(config(URL, null, null, null, Duration.ZERO, null, null, null, null, null)),
                "no client credentials, and no cache");
    }

    @Test
    void theEndpointMustBeAnHttpUrl() {
        assertEquals(error("introspection-url", "missing; the authorization server's introspection endpoint, such as"
                + " https://id.example.com/oauth2/introspect"), errors(config(null, null, null, null, null, null, null,
                null, null, null)));
        assertEquals(error("introspection-url", "must start with http:// or https://, got ftp://id"),
                errors(config("ftp://id", null, null, null, null, null, null, null, null, null)));
    }

    @Test
    void clientCredentialsComeTogether() {
        assertEquals(error("client-secret", "missing; client-id and client-secret are given together"),
                errors(config(URL, "gateway", null, null, null, null, null, null, null, null)));
        assertEquals(error("client-id", "missing; client-id and client-secret are given together"),
                errors(config(URL, null, "secret", null, null, null, null, null, null, null)));
        assertEquals(error("client-id", "must not be blank"),
                errors(config(URL, " ", "secret", null, null, null, null, null, null, null)));
    }

    @Test
    void timesAndSizesAreBounded() {
        assertEquals(error("timeout", "must be more than 0 and at most 1m, got 0ms"),
                errors(config(URL, null, null, Duration.ZERO, null, null, null, null, null, null)));
        assertEquals(error("cache-ttl", "must be 0s to 1h, got 7200000ms"),
                errors(config(URL, null, null, null, Duration.ofHours(2), null, null, null, null, null)));
        assertEquals(error("cache-size", "must be 1 to 1000000, got 0"),
                errors(config(URL, null, null, null, null, 0, null, null, null, null)));
        assertEquals(error("max-concurrent", "must be 1 to 10000, got 0"),
                errors(config(URL, null, null, null, null, null, null, null, 0, null)));
    }

    @Test
    void scopesAndForwardedHeadersAreTokens() {
        assertEquals(error("scopes[0]", "must be a scope token: printable ASCII without spaces, quotes or backslashes"
                + " (RFC 6749, 3.3)"), errors(config(URL, null, null, null, null, null, List.of("orders read"), null,
                null, null)));
        assertEquals(error("forward-claims.username", "must be a header name"), errors(config(URL, null, null, null,
                null, null, null, Map.of("username", "X User"), null, null)));
    }

    @Test
    void tlsNeedsAnHttpsEndpoint() {
        assertEquals(error("tls", "is used only with an https:// url"), errors(config("http://id/introspect", null,
                null, null, null, null, null, null, null, new ServiceTls(null))).subList(0, 1));
        Path missing = Path.of("/nonexistent/id-ca.pem");
        assertEquals(error("tls.ca-file", "cannot be read: " + missing + " (NoSuchFileException)"),
                errors(config(URL, null, null, null, null, null, null, null, null, new ServiceTls(missing))));
    }

    @Test
    void aSubjectMustNotBeBlank() {
        assertEquals(error("subject", "must not be blank"), plugin.validateCredential(new IntrospectionCredential(" ")));
        assertEquals(List.of(), plugin.validateCredential(new IntrospectionCredential("alice")));
    }
}
