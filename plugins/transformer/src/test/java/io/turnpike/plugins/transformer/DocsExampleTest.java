package io.turnpike.plugins.transformer;

import static io.turnpike.plugins.transformer.Fixtures.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.turnpike.api.Request;
import io.turnpike.server.config.ConfigBinder;
import io.turnpike.server.config.GatewayConfig;
import io.turnpike.server.config.RouteConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example in {@code docs/plugins/request-transformer.md} is what users copy, and the integration test
 * runs it through a real gateway: it must bind, validate, and do what the prose under it says. The
 * assertions here mirror that prose line by line.
 */
class DocsExampleTest {

    private static final Path PAGE = Path.of(System.getProperty("basedir", "."))
            .resolve("../../docs/plugins/request-transformer.md").normalize();
    private static final Pattern FIRST_YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    private static String example;
    private static JsonNode tree;

    @BeforeAll
    static void readThePage() throws IOException {
        Matcher block = FIRST_YAML_BLOCK.matcher(Files.readString(PAGE));
        if (!block.find()) {
            throw new AssertionError("no ```yaml block in " + PAGE);
        }
        example = block.group(1);
        tree = new YAMLMapper().readTree(example);
    }

    @Test
    void theExampleIsACompleteGatewayConfig() {
        List<String> errors = new ArrayList<>();
        GatewayConfig config = new ConfigBinder().bind(tree, GatewayConfig.class, "", errors).orElseThrow(
                () -> new AssertionError(errors));

        RouteConfig route = config.routes().get(0);
        assertEquals("echo", route.upstream());
        assertEquals("request-transformer", route.plugins().get(0).name());
    }

    @Test
    void theUpstreamUrlAppearsOnceSoTheIntegrationTestCanSwapIt() {
        assertEquals(1, example.split("http://127\\.0\\.0\\.1:9001", -1).length - 1);
    }

    @Test
    void theExamplesPluginConfigIsValid() {
        assertEquals(List.of(), new RequestTransformerPlugin().validate(pluginConfig()));
    }

    @Test
    void aRequestWithEveryHeaderReachesTheUpstreamAsThePageSays() throws Exception {
        Request upstream = Fixtures.run(pluginConfig(), get("/api/users/42?debug=1&page=2",
                "X-Debug", "1", "X-Client-Version", "2.1", "X-Tenant", "guest", "X-Tags", "client", "X-Env", "dev"))
                .upstream();

        assertEquals("/api/users/42", upstream.path());
        assertEquals("page=2&source=gateway", upstream.query());
        assertFalse(upstream.headers().contains("X-Debug"));
        assertFalse(upstream.headers().contains("X-Client-Version"));
        assertEquals(List.of("2.1"), upstream.headers().all("X-Api-Version"));
        assertEquals(List.of("acme"), upstream.headers().all("X-Tenant"));
        assertEquals(List.of("turnpike"), upstream.headers().all("X-Gateway"));
        assertEquals(List.of("client", "edge"), upstream.headers().all("X-Tags"));
        assertEquals(List.of("production"), upstream.headers().all("X-Env"));
    }

    @Test
    void aBareRequestReachesTheUpstreamAsThePageSays() throws Exception {
        Request upstream = Fixtures.run(pluginConfig(), get("/api/users")).upstream();

        assertEquals("/api/users", upstream.path());
        assertEquals("source=gateway", upstream.query());
        assertEquals(List.of("turnpike"), upstream.headers().all("X-Gateway"));
        assertEquals(List.of("edge"), upstream.headers().all("X-Tags"));
        assertEquals(List.of("production"), upstream.headers().all("X-Env"));
        assertFalse(upstream.headers().contains("X-Tenant"));
        assertFalse(upstream.headers().contains("X-Api-Version"));
    }

    private static RequestTransformerConfig pluginConfig() {
        JsonNode block = tree.path("routes").path(0).path("plugins").path(0).path("config");
        List<String> errors = new ArrayList<>();
        return new ConfigBinder().bind(block, RequestTransformerConfig.class, "config", errors)
                .orElseThrow(() -> new AssertionError(errors));
    }
}
