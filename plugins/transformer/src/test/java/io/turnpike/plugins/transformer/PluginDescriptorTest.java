package io.turnpike.plugins.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.turnpike.api.Phase;
import org.junit.jupiter.api.Test;

/** What the gateway learns about the plugin before any route uses it. */
class PluginDescriptorTest {

    private final RequestTransformerPlugin plugin = new RequestTransformerPlugin();

    @Test
    void routesNameItRequestTransformer() {
        assertEquals("request-transformer", plugin.name());
    }

    @Test
    void itRunsInTheTransformationPhase() {
        assertEquals(Phase.TRANSFORMATION, plugin.phase());
    }

    @Test
    void itBindsRoutesConfigToItsRecord() {
        assertEquals(RequestTransformerConfig.class, plugin.configType());
    }

    @Test
    void theSameJarOffersResponseTransformerInTheSamePhase() {
        ResponseTransformerPlugin response = new ResponseTransformerPlugin();

        assertEquals("response-transformer", response.name());
        assertEquals(Phase.TRANSFORMATION, response.phase());
        assertEquals(ResponseTransformerConfig.class, response.configType());
    }

    /** PF4J finds extensions only through this index; JDK 23+ javac skips an undeclared processor silently. */
    @Test
    void theAnnotationProcessorListedBothPluginsInTheExtensionIndex() throws Exception {
        List<String> listed = new ArrayList<>();
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(listed::add);
            }
        }
        assertTrue(listed.contains(RequestTransformerPlugin.class.getName()), "extensions.idx: " + listed);
        assertTrue(listed.contains(ResponseTransformerPlugin.class.getName()), "extensions.idx: " + listed);
    }
}
