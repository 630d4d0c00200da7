package io.turnpike.plugins.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.turnpike.server.config.ConfigBinder;
import io.turnpike.server.config.GatewayConfig;
import org.junit.jupiter.api.Test;

/** The page's example is a complete config whose plugin block is valid and says what the defaults are. */
class DocsExampleTest {

    private static final Path PAGE = Path.of(System.getProperty("basedir", "."))
            .resolve("../../docs/plugins/response-cache.md").normalize();

    private static JsonNode example() throws Exception {
        Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(PAGE));
        if (!block.find()) {
            throw new AssertionError("no ```yaml block in " + PAGE);
        }
        return new YAMLMapper().readTree(block.group(1));
    }

    @Test
    void theExampleIsACompleteGatewayConfigWithAValidPluginBlock() throws Exception {
        JsonNode tree = example();
        List<String> errors = new ArrayList<>();

        GatewayConfig config = new ConfigBinder().bind(tree, GatewayConfig.class, "", errors)
                .orElseThrow(() -> new AssertionError(errors));
        ResponseCacheConfig plugin = new ConfigBinder().bind(tree.path("routes").path(0).path("plugins").path(0).path("config"),
                ResponseCacheConfig.class, "config", errors).orElseThrow(() -> new AssertionError(errors));

        assertEquals("response-cache", config.routes().get(0).plugins().get(0).name());
        assertEquals(List.of(), new ResponseCachePlugin().validate(plugin));
    }

    @Test
    void theExampleShowsTheDefaultsExceptMaxTtl() throws Exception {
        JsonNode block = example().path("routes").path(0).path("plugins").path(0).path("config");
        List<String> errors = new ArrayList<>();
        ResponseCacheConfig shown = new ConfigBinder().bind(block, ResponseCacheConfig.class, "config", errors).orElseThrow();
        ResponseCacheConfig defaults = Fixtures.config("");

        assertEquals(new ResponseCacheConfig(defaults.methods(), defaults.statuses(), defaults.defaultTtl(), shown.maxTtl(),
                defaults.maxMemory(), defaults.maxEntrySize(), defaults.allowClientBypass(), defaults.storeSetCookie(),
                defaults.storeAuthorized(), defaults.lockTimeout(), defaults.invalidateOnUnsafeMethods(),
                defaults.staleIfError()), shown);
    }
}
