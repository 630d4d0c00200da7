package io.turnpike.plugins.basicauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Phase;
import org.junit.jupiter.api.Test;

class BasicAuthPluginTest {

    private final BasicAuthPlugin plugin = new BasicAuthPlugin();

    @Test
    void routesAndCredentialsNameItBasicAuth() {
        assertEquals("basic-auth", plugin.name());
        assertEquals(Phase.AUTHENTICATION, plugin.phase());
        assertEquals(BasicCredential.class, plugin.credentialType());
    }

    @Test
    void refusesAUsernameWithAColon() {
        assertEquals(List.of(new ConfigError("username", "must not contain ':' (RFC 7617 cannot carry it)")),
                plugin.validateCredential(new BasicCredential("a:b", "pw")));
    }

    @Test
    void refusesAMissingUsernameAndPasswordTogether() {
        assertEquals(List.of(new ConfigError("username", "must not be blank"), new ConfigError("password", "must not be empty")),
                plugin.validateCredential(new BasicCredential(null, null)));
    }

    @Test
    void refusesAMalformedHashWithoutQuotingIt() {
        List<ConfigError> errors = plugin.validateCredential(new BasicCredential("bob", "$2a$10$tooShortToBeAHash"));

        assertEquals("password", errors.getFirst().key());
        assertFalse(errors.getFirst().message().contains("tooShort"), errors.getFirst().message());
    }

    @Test
    void theUsernameIsTheIdentitySoTwoConsumersCannotShareOne() {
        assertEquals("bob", plugin.credentialIdentity(new BasicCredential("bob", "x")));
    }

    @Test
    void aCredentialNeverPrintsItsPassword() {
        assertFalse(new BasicCredential("bob", "hunter2").toString().contains("hunter2"));
    }

    @Test
    void refusesARealmWithAQuote() {
        assertEquals("realm", plugin.validate(new BasicAuthConfig("a\"b", null)).getFirst().key());
    }

    @Test
    void theAnnotationProcessorListedThePluginInTheExtensionIndex() throws Exception {
        boolean listed = false;
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                listed |= new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .anyMatch(BasicAuthPlugin.class.getName()::equals);
            }
        }
        assertTrue(listed);
    }
}
