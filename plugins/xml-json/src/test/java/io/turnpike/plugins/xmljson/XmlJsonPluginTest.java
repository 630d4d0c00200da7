package io.turnpike.plugins.xmljson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Phase;
import org.junit.jupiter.api.Test;

/** The config errors of docs/plugins/xml-json.md, each at the key and with the message the page shows. */
class XmlJsonPluginTest {

    private final XmlJsonPlugin plugin = new XmlJsonPlugin();

    private static List<ConfigError> error(String key, String message) {
        return List.of(new ConfigError(key, message));
    }

    @Test
    void translatesAfterTheChecksAndBeforeTheCache() {
        assertEquals(Phase.TRANSFORMATION, plugin.phase());
    }

    @Test
    void theDocumentedConfigHasNoErrorsAndTheDefaults() {
        XmlJsonConfig config = new XmlJsonConfig("json-to-xml", "xml-to-json", null, null);

        assertEquals(List.of(), plugin.validate(config));
        assertEquals("root", config.rootElement());
        assertEquals(1 << 20, config.maxBodyBytes());
    }

    @Test
    void everyMistakeIsNamedAtItsKeyAsThePageShows() {
        assertEquals(error("request", "missing; give request, response or both: json-to-xml or xml-to-json"),
                plugin.validate(new XmlJsonConfig(null, null, null, null)));
        assertEquals(error("response", "must be json-to-xml or xml-to-json, got \"xml-to-yaml\""),
                plugin.validate(new XmlJsonConfig(null, "xml-to-yaml", null, null)));
        assertEquals(error("root-element", "must be an XML element name such as order, got \"1 invoice\""),
                plugin.validate(new XmlJsonConfig("json-to-xml", null, "1 invoice", null)));
        assertEquals(error("root-element", "must be an XML element name such as order, got \"XmlDoc\""),
                plugin.validate(new XmlJsonConfig("json-to-xml", null, "XmlDoc", null)));
        assertEquals(error("max-body-bytes", "must be 1 to 67108864 (64 MiB), got 0"),
                plugin.validate(new XmlJsonConfig("json-to-xml", null, null, 0)));
    }
}
