package io.turnpike.plugins.requesttransformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

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

    /** PF4J finds extensions only through this index; JDK 23+ javac skips an undeclared processor silently. */
    @Test
    void theAnnotationProcessorListedThePluginInTheExtensionIndex() throws Exception {
        boolean listed = false;
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                listed |= new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .anyMatch(RequestTransformerPlugin.class.getName()::equals);
            }
        }
        assertTrue(listed, "META-INF/extensions.idx does not list " + RequestTransformerPlugin.class.getName());
    }
}
