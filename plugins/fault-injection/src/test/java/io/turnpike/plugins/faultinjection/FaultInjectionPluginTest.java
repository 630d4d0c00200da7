package io.turnpike.plugins.faultinjection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Phase;
import io.turnpike.server.config.ConfigBinder;
import org.junit.jupiter.api.Test;

/**
 * The config errors of docs/plugins/fault-injection.md, each at the key and with the message the page shows, from
 * configs bound as the gateway binds them.
 */
class FaultInjectionPluginTest {

    private final FaultInjectionPlugin plugin = new FaultInjectionPlugin();

    static FaultInjectionConfig bind(String yaml) {
        List<String> errors = new ArrayList<>();
        try {
            return new ConfigBinder()
                    .bind(new YAMLMapper().readTree(yaml), FaultInjectionConfig.class, "config", errors)
                    .orElseThrow(() -> new AssertionError("did not bind: " + errors));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<ConfigError> errors(String yaml) {
        return plugin.validate(bind(yaml));
    }

    private static List<ConfigError> error(String key, String message) {
        return List.of(new ConfigError(key, message));
    }

    @Test
    void runsWhereTheUpstreamWouldBeCalledAndNeedsIt() {
        assertEquals(Phase.PROTOCOL, plugin.phase());
        assertFalse(plugin.answersInPlaceOfUpstream());
    }

    @Test
    void aFaultWithoutPercentageMeetsEveryRequest() {
        FaultInjectionConfig config = bind("{delay: {duration: 2s}, abort: {status: 503}}");

        assertEquals(Duration.ofSeconds(2), config.delay().duration());
        assertEquals(100, config.delay().percentage());
        assertEquals(100, config.abort().percentage());
        assertEquals(List.of(), plugin.validate(config));
    }

    @Test
    void aPercentageMayHaveDecimalsAndEitherEnd() {
        assertEquals(List.of(),
                errors("{delay: {duration: 60s, percentage: 0.5}, abort: {status: 599, percentage: 0}}"));
        assertEquals(List.of(), errors("{delay: {duration: 1ms, percentage: 100}}"));
    }

    @Test
    void everyMistakeIsNamedAtItsKeyAsThePageShows() {
        assertEquals(error("", "needs at least one of delay and abort, such as abort: {status: 503}"),
                errors("{trigger: X-Fault}"));
        assertEquals(error("delay.duration", "missing; how long a delayed request waits, such as 2s"),
                errors("{delay: {percentage: 10}}"));
        assertEquals(error("delay.duration", "must be more than 0 and at most 60s, got 90000ms"),
                errors("{delay: {duration: 90s}}"));
        assertEquals(error("delay.duration", "must be more than 0 and at most 60s, got 0ms"),
                errors("{delay: {duration: 0s}}"));
        assertEquals(error("delay.percentage", "must be 0 to 100, got 150"),
                errors("{delay: {duration: 2s, percentage: 150}}"));
        assertEquals(error("abort.percentage", "must be 0 to 100, got -5"),
                errors("{abort: {status: 503, percentage: -5}}"));
        assertEquals(error("abort.percentage", "must be 0 to 100, got 100.5"),
                errors("{abort: {status: 503, percentage: 100.5}}"));
        assertEquals(error("abort.status", "missing; the answer's status, such as 503"),
                errors("{abort: {percentage: 5}}"));
        assertEquals(error("abort.status", "must be 200 to 599, got 100"), errors("{abort: {status: 100}}"));
        assertEquals(error("abort.body", "missing; a 200 answer is no problem, so give its body (\"\" for none)"),
                errors("{abort: {status: 200}}"));
        assertEquals(error("abort.content-type", "is used only with body"),
                errors("{abort: {status: 503, content-type: text/html}}"));
        assertEquals(error("trigger", "must be a header or query parameter name, got \"x fault\""),
                errors("{abort: {status: 503}, trigger: x fault}"));
    }

    @Test
    void everyMistakeOfOneConfigIsReportedTogether() {
        assertEquals(List.of(new ConfigError("delay.duration", "must be more than 0 and at most 60s, got 120000ms"),
                        new ConfigError("abort.status", "must be 200 to 599, got 600"),
                        new ConfigError("abort.percentage", "must be 0 to 100, got 101")),
                errors("{delay: {duration: 2m}, abort: {status: 600, percentage: 101}}"));
    }
}
