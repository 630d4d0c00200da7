package io.turnpike.plugins.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import org.junit.jupiter.api.Test;

/** The config's checks, origin matching, and what the filter adds to answers the chain produced. */
class CorsPluginTest {

    private final CorsPlugin plugin = new CorsPlugin();

    private static CorsConfig origins(String... origins) {
        return new CorsConfig(List.of(origins), null, null, null, null, null);
    }

    private List<String> errorsOf(CorsConfig config) {
        return plugin.validate(config).stream().map(e -> e.key() + ": " + e.message()).toList();
    }

    @Test
    void aRouteMustNameAtLeastOneOrigin() {
        assertEquals(1, errorsOf(new CorsConfig(null, null, null, null, null, null)).size());
    }

    @Test
    void anOriginIsASchemeAndAHostWithAnOptionalPortAndNothingElse() {
        assertEquals(List.of(), errorsOf(origins("https://app.example.com", "http://localhost:3000",
                "https://*.example.org", "*")));
        List<String> errors = errorsOf(origins("https://app.example.com/", "app.example.com", "https://a.*.example.org",
                "https://*.*.example.org", "https://app.example.com?x=1", ""));
        assertEquals(6, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("origins[0]: "), errors.get(0));
    }

    @Test
    void credentialsCannotGoWithAnyOrigin() {
        List<String> errors = errorsOf(new CorsConfig(List.of("*"), null, null, null, true, null));

        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("credentials: cannot be true with origins '*'"), errors.get(0));
    }

    @Test
    void namesMustBeTokensAndMaxAgeAtMostADay() {
        List<ConfigError> errors = plugin.validate(new CorsConfig(List.of("*"), List.of("GET", "PU T"),
                List.of("X-Ok", "a,b"), List.of("X:Y"), false, Duration.ofDays(2)));

        assertEquals(List.of("methods[1]", "headers[1]", "exposed-headers[0]", "max-age"),
                errors.stream().map(ConfigError::key).toList(), errors::toString);
    }

    @Test
    void aWildcardOriginTakesSubdomainsAtAnyDepthButNotTheDomainOrAnotherScheme() {
        AllowedOrigins allowed = AllowedOrigins.of(List.of("https://*.example.org", "https://App.Example.com"));

        assertTrue(allowed.allows("https://a.example.org"));
        assertTrue(allowed.allows("https://a.b.example.org"));
        assertTrue(allowed.allows("https://app.example.com"), "without regard to case");
        assertEquals(false, allowed.allows("https://example.org"));
        assertEquals(false, allowed.allows("http://a.example.org"));
        assertEquals(false, allowed.allows("https://a.example.org.evil.net"));
        assertEquals(false, allowed.allows("https://evilexample.org"));
    }

    @Test
    void theRefusalOfAPluginAfterItCarriesTheFieldsSoThePageCanReadWhy() {
        CorsFilter filter = new CorsFilter(origins("https://app.example.com"));
        Request call = new Request("GET", "/api/orders", "", Headers.of("Origin", "https://app.example.com"), Body.empty());
        Response unauthorized = new Response(401, Headers.of("Content-Type", "application/problem+json"), Body.empty());

        Response answer = filter.handle(null, chainAnswering(call, unauthorized));

        assertEquals(401, answer.status());
        assertEquals("https://app.example.com", answer.headers().first("Access-Control-Allow-Origin").orElseThrow());
    }

    @Test
    void withAnyOriginAndNoCredentialsTheAnswerIsForEveryPageAndVariesByNothing() {
        CorsFilter filter = new CorsFilter(origins("*"));
        Request call = new Request("GET", "/", "", Headers.of("Origin", "https://a.test"), Body.empty());

        Response answer = filter.handle(null, chainAnswering(call, Response.of(200)));

        assertEquals("*", answer.headers().first("Access-Control-Allow-Origin").orElseThrow());
        assertEquals(List.of(), answer.headers().all("Vary"));
    }

    private static Chain chainAnswering(Request request, Response response) {
        return new Chain() {
            @Override
            public Request request() {
                return request;
            }

            @Override
            public Response proceed(Request next) {
                return response;
            }
        };
    }
}
