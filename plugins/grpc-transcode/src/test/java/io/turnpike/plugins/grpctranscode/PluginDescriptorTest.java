package io.turnpike.plugins.grpctranscode;

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

    private final GrpcTranscodePlugin plugin = new GrpcTranscodePlugin();

    @Test
    void routesNameItGrpcTranscode() {
        assertEquals("grpc-transcode", plugin.name());
    }

    @Test
    void itRunsLastInTheProtocolPhase() {
        assertEquals(Phase.PROTOCOL, plugin.phase());
    }

    @Test
    void itAnswersInPlaceOfAnUpstream() {
        assertTrue(plugin.answersInPlaceOfUpstream());
    }

    /** PF4J finds extensions only through this index; JDK 23+ javac skips an undeclared processor silently. */
    @Test
    void theAnnotationProcessorListedThePluginInTheExtensionIndex() throws Exception {
        boolean listed = false;
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                listed |= new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .anyMatch(GrpcTranscodePlugin.class.getName()::equals);
            }
        }
        assertTrue(listed, "META-INF/extensions.idx does not list " + GrpcTranscodePlugin.class.getName());
    }
}
