package io.turnpike.plugins.requestmirror;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Counter;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TestChain;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.Test;

class RequestMirrorPluginTest {

    private final RequestMirrorPlugin plugin = new RequestMirrorPlugin();

    private static RequestMirrorConfig config(String url, Double ratio, Duration timeout, Long maxBody, Integer max) {
        return new RequestMirrorConfig(url, ratio, timeout, maxBody, max);
    }

    private List<ConfigError> errors(RequestMirrorConfig config) {
        return plugin.validate(config);
    }

    @Test
    void aUsableConfigHasNoErrors() {
        assertEquals(List.of(), errors(config("https://orders-next:8443/shadow", 0.5, null, null, null)));
    }

    @Test
    void everyMistakeIsNamedAtItsKeyAsTheDocsShow() {
        assertEquals(List.of(new ConfigError("url", "missing; the mirror's base URL, such as http://orders-next:8080")),
                errors(config(null, null, null, null, null)));
        assertEquals(List.of(new ConfigError("url", "must start with http:// or https://, got ftp://mirror")),
                errors(config("ftp://mirror", null, null, null, null)));
        assertEquals(List.of(new ConfigError("url", "must be a host, an optional port and an optional base path,"
                + " without credentials, query or fragment")), errors(config("http://u:p@mirror", null, null, null, null)));
        assertEquals(List.of(new ConfigError("sample-ratio", "must be 0 to 1, got 1.5")),
                errors(config("http://mirror", 1.5, null, null, null)));
        assertEquals(List.of(new ConfigError("timeout", "must be more than 0 and at most 5m, got 0ms")),
                errors(config("http://mirror", null, Duration.ZERO, null, null)));
        assertEquals(List.of(new ConfigError("max-body-size", "must be 0 to 16777216 bytes, got -1")),
                errors(config("http://mirror", null, null, -1L, null)));
        assertEquals(List.of(new ConfigError("max-concurrent", "must be 1 to 10000, got 0")),
                errors(config("http://mirror", null, null, null, 0)));
    }

    /** The random number decides, against the ratio: below it the request is copied, at or above it not. */
    @Test
    void theSampleRatioDecidesWhichRequestsAreCopied() throws Exception {
        try (TestUpstream mirror = TestUpstream.ok()) {
            Mirror sender = new Mirror(mirror.url(), Duration.ofSeconds(5), 10, System.getLogger("test"),
                    System::nanoTime, Counter.NONE, Counter.NONE);
            double[] next = {0.25};
            RequestMirrorFilter filter = new RequestMirrorFilter(sender, 0.25, 1000, () -> next[0]);

            filter.handle(null, chain("/api/skipped"));
            next[0] = 0.24;
            filter.handle(null, chain("/api/copied"));

            Eventually.await("the sampled request is copied", () -> mirror.requestCount() == 1);
            filter.close();
            assertEquals("/api/copied", mirror.takeRequest().rawPath());
            assertEquals(1, mirror.requestCount());
        }
    }

    private static Chain chain(String path) {
        return TestChain.answering(new Request("GET", path, "", Headers.empty(), Body.empty()), Response.of(200));
    }

    /** A body of unknown length found too large while read: the filter passes on what it read and the rest. */
    @Test
    void aBodyFoundTooLargeWhileReadIsPassedOnWholeAndNotCopied() throws Exception {
        try (TestUpstream mirror = TestUpstream.ok()) {
            Mirror sender = new Mirror(mirror.url(), Duration.ofSeconds(5), 10, System.getLogger("test"),
                    System::nanoTime, Counter.NONE, Counter.NONE);
            RequestMirrorFilter filter = new RequestMirrorFilter(sender, 1, 1000, () -> 0);
            byte[] body = new byte[2500];
            Arrays.fill(body, (byte) 'x');
            TestChain chain = TestChain.answering(new Request("POST", "/api/orders", "", Headers.empty(),
                    Body.of(new ByteArrayInputStream(body), -1)), Response.of(200));

            filter.handle(null, chain);
            filter.close();

            byte[] passedOn = chain.passedOn().orElseThrow().body().stream().readAllBytes();
            assertEquals(new String(body, StandardCharsets.US_ASCII),
                    new String(passedOn, StandardCharsets.US_ASCII));
            assertEquals(0, mirror.requestCount());
        }
    }
}
