package io.turnpike.plugins.hmacauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.turnpike.api.ConfigError;
import org.junit.jupiter.api.Test;

class HmacAuthPluginTest {

    private final HmacAuthPlugin plugin = new HmacAuthPlugin();

    private static HmacAuthConfig config(Duration clockSkew, List<String> algorithms, List<String> enforceHeaders,
                                         Integer maxBodySize, String realm) {
        return new HmacAuthConfig(clockSkew, algorithms, enforceHeaders, null, maxBodySize, null, realm);
    }

    @Test
    void theDefaultsAreValid() {
        assertEquals(List.of(), plugin.validate(config(null, null, null, null, null)));
    }

    @Test
    void aClockSkewOfNothingOrOverAnHourIsAnError() {
        assertEquals(List.of(new ConfigError("clock-skew", "must be more than 0 and at most 1h, got 0s")),
                plugin.validate(config(Duration.ZERO, null, null, null, null)));
        assertEquals(List.of(new ConfigError("clock-skew", "must be more than 0 and at most 1h, got 3601s")),
                plugin.validate(config(Duration.ofSeconds(3601), null, null, null, null)));
    }

    @Test
    void anUnknownAlgorithmIsAnErrorNamingItsPlace() {
        assertEquals(List.of(new ConfigError("algorithms[1]", "must be one of hmac-sha1, hmac-sha256, hmac-sha384"
                        + " and hmac-sha512, got \"hmac-md5\"")),
                plugin.validate(config(null, List.of("hmac-sha256", "hmac-md5"), null, null, null)));
    }

    @Test
    void noAlgorithmAtAllIsAnError() {
        assertEquals(List.of(new ConfigError("algorithms", "must name at least one algorithm")),
                plugin.validate(config(null, List.of(), null, null, null)));
    }

    @Test
    void anEnforcedHeaderMustBeALowerCaseNameOrAPseudoHeader() {
        assertEquals(List.of(), plugin.validate(config(null, null,
                List.of("@request-target", "request-line", "digest", "x-tenant"), null, null)));
        assertEquals(List.of(new ConfigError("enforce-headers[0]", "must be a header name in lower case,"
                        + " @request-target or request-line, got \"X-Tenant\"")),
                plugin.validate(config(null, null, List.of("X-Tenant"), null, null)));
        assertEquals(List.of(new ConfigError("enforce-headers[0]", "must be a header name in lower case,"
                        + " @request-target or request-line, got nothing")),
                plugin.validate(config(null, null, Arrays.asList((String) null), null, null)));
    }

    @Test
    void aMaxBodySizeOutOfRangeIsAnError() {
        assertEquals(List.of(new ConfigError("max-body-size", "must be 1 to 67108864 bytes, got 0")),
                plugin.validate(config(null, null, null, 0, null)));
    }

    @Test
    void aRealmWithAQuoteIsAnError() {
        assertEquals(List.of(new ConfigError("realm", "may hold printable ASCII without '\"' and '\\'")),
                plugin.validate(config(null, null, null, null, "a\"b")));
    }

    @Test
    void aCredentialNeedsAUsernameAndASecret() {
        assertEquals(List.of(new ConfigError("username", "must not be blank"),
                        new ConfigError("secret", "must not be empty")),
                plugin.validateCredential(new HmacCredential(" ", "")));
        assertEquals(List.of(), plugin.validateCredential(new HmacCredential("alice", "s")));
    }

    @Test
    void aCredentialIsKnownByItsUsername() {
        assertEquals("alice", plugin.credentialIdentity(new HmacCredential("alice", "s")));
    }

    @Test
    void theSecretIsNeverShown() {
        assertEquals("HmacCredential[username=alice, secret=***]", new HmacCredential("alice", "s3cret").toString());
    }
}
