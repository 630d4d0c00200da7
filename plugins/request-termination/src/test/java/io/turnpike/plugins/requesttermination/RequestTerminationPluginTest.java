package io.turnpike.plugins.requesttermination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Phase;
import org.junit.jupiter.api.Test;

/** The config errors of docs/plugins/request-termination.md, each at the key and with the message the page shows. */
class RequestTerminationPluginTest {

    private final RequestTerminationPlugin plugin = new RequestTerminationPlugin();

    private List<ConfigError> errors(Integer status, String message, String body, String contentType,
                                     Map<String, String> headers, String trigger) {
        return plugin.validate(new RequestTerminationConfig(status, message, body, contentType, headers, trigger));
    }

    private static List<ConfigError> error(String key, String message) {
        return List.of(new ConfigError(key, message));
    }

    @Test
    void answersWhereTheUpstreamWouldBeCalledAndNeedsNone() {
        assertEquals(Phase.PROTOCOL, plugin.phase());
        assertTrue(plugin.answersInPlaceOfUpstream());
    }

    @Test
    void aBareEntryIsA503Problem() {
        RequestTerminationConfig config = new RequestTerminationConfig(null, null, null, null, null, null);

        assertEquals(503, config.status());
        assertEquals(List.of(), plugin.validate(config));
    }

    @Test
    void everyMistakeIsNamedAtItsKeyAsThePageShows() {
        assertEquals(error("status", "must be 200 to 599, got 100"), errors(100, null, null, null, null, null));
        assertEquals(error("message", "is the detail of a problem answer; with body, the body is the whole answer:"
                + " give one of them"), errors(503, "down", "<h1>down</h1>", null, null, null));
        assertEquals(error("body", "missing; a 200 answer is no problem, so give its body (\"\" for none)"),
                errors(200, null, null, null, null, null));
        assertEquals(error("content-type", "is used only with body"),
                errors(503, null, null, "text/html", null, null));
        assertEquals(error("headers", "a 301 answer needs a Location, such as {Location: \"https://example.com/new\"}"),
                errors(301, null, "", null, null, null));
        assertEquals(error("headers", "Content-Length is written by the gateway"),
                errors(503, null, null, null, Map.of("Content-Length", "0"), null));
        assertEquals(error("headers", "\"Retry After\" is not a header field name"),
                errors(503, null, null, null, Map.of("Retry After", "60"), null));
        assertEquals(error("trigger", "must be a header or query parameter name, got \"x mock\""),
                errors(503, null, null, null, null, "x mock"));
    }
}
