package io.turnpike.plugins.jwtauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtAuthPluginTest {

    private final JwtAuthPlugin plugin = new JwtAuthPlugin();

    @TempDir
    Path dir;

    @Test
    void routesAndCredentialsNameItJwtAuth() {
        assertEquals("jwt-auth", plugin.name());
        assertEquals(Phase.AUTHENTICATION, plugin.phase());
        assertEquals(JwtCredential.class, plugin.credentialType());
    }

    @Test
    void algorithmsAreRequired() {
        assertEquals(List.of(new ConfigError("algorithms", "is required: list the algorithms this route accepts, such as [RS256]")),
                validate("{jwks-url: 'https://id.example.com/jwks'}"));
    }

    @Test
    void noneIsNeverAnAlgorithm() {
        assertEquals("algorithms[1]", validate("{jwks-url: 'https://id.example.com/jwks', algorithms: [RS256, none]}").getFirst().key());
    }

    @Test
    void anHmacAlgorithmWithAPublicKeySourceIsRefused() {
        assertEquals(List.of(new ConfigError("algorithms[1]", "\"HS256\" needs a secret; public keys verify RS, PS, ES and EdDSA only")),
                validate("{jwks-url: 'https://id.example.com/jwks', algorithms: [RS256, HS256]}"));
    }

    @Test
    void aPublicKeyAlgorithmWithASecretIsRefused() {
        assertEquals("algorithms[0]", validate("{secret: " + Tokens.SECRET + ", algorithms: [RS256]}").getFirst().key());
    }

    @Test
    void exactlyOneKeySource() {
        assertEquals(List.of(new ConfigError("", "give exactly one of secret, public-key, public-key-file and jwks-url")),
                validate("{algorithms: [RS256]}"));
        assertEquals("", validate("{algorithms: [HS256], secret: " + Tokens.SECRET + ", jwks-url: 'https://x/y'}").getFirst().key());
    }

    @Test
    void aShortSecretIsRefusedWithoutQuotingIt() {
        List<ConfigError> errors = validate("{algorithms: [HS256], secret: short-secret}");

        assertEquals(List.of(new ConfigError("secret", "must be at least 32 bytes (RFC 7518, 3.2)")), errors);
    }

    @Test
    void anUnsupportedAlgorithmIsNamed() {
        assertTrue(validate("{jwks-url: 'https://id/jwks', algorithms: [RS999]}").getFirst().message().contains("RS999"));
    }

    @Test
    void aPemFileIsReadAtLoadTime() throws Exception {
        Path pem = dir.resolve("key.pem");
        String body = Base64.getMimeEncoder().encodeToString(Tokens.ec("e").toECPublicKey().getEncoded());
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");

        assertEquals(List.of(), validate("{algorithms: [ES256], public-key-file: '" + pem + "'}"));
        assertEquals("public-key-file", validate("{algorithms: [ES256], public-key-file: '" + dir.resolve("nope.pem") + "'}")
                .getFirst().key());
    }

    @Test
    void anInlinePemThatIsNotAKeyIsRefused() {
        assertEquals("public-key", validate("{algorithms: [RS256], public-key: 'hello'}").getFirst().key());
    }

    @Test
    void aJwksUrlMustBeHttp() {
        assertEquals("jwks-url", validate("{algorithms: [RS256], jwks-url: 'file:///etc/passwd'}").getFirst().key());
    }

    @Test
    void aScopeWithAQuoteOrASpaceIsRefused() {
        List<ConfigError> errors = validate("{algorithms: [RS256], jwks-url: 'https://id/jwks',"
                + " scopes: [orders:read, 'say\"hi', 'two words']}");

        assertEquals(List.of("scopes[1]", "scopes[2]"), errors.stream().map(ConfigError::key).toList());
    }

    @Test
    void theTokenSizeCapIsBounded() {
        assertEquals("max-token-size", validate("{algorithms: [RS256], jwks-url: 'https://id/jwks', max-token-size: 10}")
                .getFirst().key());
    }

    @Test
    void theConfigNeverPrintsTheSecret() {
        assertTrue(!Fixtures.config("{algorithms: [HS256], secret: " + Tokens.SECRET + "}").toString().contains(Tokens.SECRET));
    }

    @Test
    void theAnnotationProcessorListedThePluginInTheExtensionIndex() throws Exception {
        boolean listed = false;
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                listed |= new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .anyMatch(JwtAuthPlugin.class.getName()::equals);
            }
        }
        assertTrue(listed);
    }

    private List<ConfigError> validate(String yaml) {
        return plugin.validate(Fixtures.config(yaml));
    }
}
