package io.turnpike.plugins.keyauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Phase;
import org.junit.jupiter.api.Test;

/** What the gateway learns about the plugin, and the config and credential mistakes it refuses. */
class KeyAuthPluginTest {

    private final KeyAuthPlugin plugin = new KeyAuthPlugin();

    @Test
    void routesAndCredentialsNameItKeyAuth() {
        assertEquals("key-auth", plugin.name());
    }

    @Test
    void itAuthenticates() {
        assertEquals(Phase.AUTHENTICATION, plugin.phase());
        assertEquals(KeyCredential.class, plugin.credentialType());
    }

    @Test
    void itMakesNoFilterOfItsOwn() {
        assertThrows(UnsupportedOperationException.class, () -> plugin.create(Fixtures.bind("{}", KeyAuthConfig.class), Fixtures.CONTEXT));
    }

    @Test
    void theDefaultsAreTheXApiKeyHeaderHiddenFromTheUpstreamAndNoQueryParameter() {
        KeyAuthConfig config = Fixtures.bind("{}", KeyAuthConfig.class);

        assertEquals("X-API-Key", config.header());
        assertTrue(config.hideCredentials());
        assertEquals(null, config.queryParam());
        assertEquals(List.of(), plugin.validate(config));
    }

    @Test
    void refusesAHeaderThatIsNotAHeaderName() {
        assertEquals(List.of(new ConfigError("header", "must be a header name, got \"X Key\"")),
                plugin.validate(Fixtures.bind("{header: X Key}", KeyAuthConfig.class)));
    }

    @Test
    void refusesABlankQueryParameter() {
        assertEquals("query-param", plugin.validate(Fixtures.bind("{query-param: ' '}", KeyAuthConfig.class)).getFirst().key());
    }

    @Test
    void refusesARealmThatWouldBreakTheChallenge() {
        assertEquals("realm", plugin.validate(Fixtures.bind("{realm: 'a\"b'}", KeyAuthConfig.class)).getFirst().key());
    }

    @Test
    void refusesABlankKeyWithoutQuotingIt() {
        assertEquals(List.of(new ConfigError("key", "must not be blank")),
                plugin.validateCredential(new KeyCredential("  ")));
    }

    @Test
    void aKeyIsItsOwnIdentitySoNoTwoConsumersShareOne() {
        assertEquals("k1", plugin.credentialIdentity(new KeyCredential("k1")));
    }

    @Test
    void aCredentialNeverPrintsItsKey() {
        assertTrue(!new KeyCredential("s3cret-value").toString().contains("s3cret"));
    }

    @Test
    void theAnnotationProcessorListedThePluginInTheExtensionIndex() throws Exception {
        boolean listed = false;
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                listed |= new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .anyMatch(KeyAuthPlugin.class.getName()::equals);
            }
        }
        assertTrue(listed);
    }
}
