package io.turnpike.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

/** The binder as the plugin host uses it: any record, any location prefix, every error in one pass. */
class ConfigBinderTest {

    record Header(String name, String value) {
    }

    record PluginSettings(Map<String, String> addHeaders, List<Header> headers, Integer maxHits, Boolean dryRun,
                          Long limit, String label) {
    }

    record Primitives(int count, boolean enabled) {
    }

    enum Mode { FAST, SAFE }

    record Window(Integer hits) {
        Window {
            if (hits != null && hits < 1) {
                throw new IllegalArgumentException("hits must be at least 1, got " + hits);
            }
        }
    }

    record Limits(Window window, String label) {
    }

    record WithMode(Mode mode) {
    }

    private static final String AT = "routes[0].plugins[1].config";

    private final ConfigBinder binder = new ConfigBinder();
    private final List<String> errors = new ArrayList<>();

    private Optional<PluginSettings> bind(String yaml) {
        return binder.bind(tree(yaml), PluginSettings.class, AT, errors);
    }

    static JsonNode tree(String yaml) {
        try {
            return new YAMLMapper().readTree(yaml);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bindsKebabCaseKeysToRecordComponents() {
        PluginSettings settings = bind("""
                add-headers: {X-Gateway: "yes"}
                max-hits: 3
                dry-run: true
                """).orElseThrow();

        assertEquals(Map.of("X-Gateway", "yes"), settings.addHeaders());
        assertEquals(3, settings.maxHits());
        assertEquals(true, settings.dryRun());
        assertEquals(List.of(), errors);
    }

    @Test
    void unknownKeyIsAnErrorNamingItsLocationAndTheAllowedKeys() {
        Optional<PluginSettings> bound = bind("max-hitz: 3");

        assertTrue(bound.isEmpty());
        assertEquals(List.of(AT + ".max-hitz: unknown key; allowed keys: add-headers, headers, max-hits, dry-run, "
                + "limit, label"), errors);
    }

    @Test
    void unknownKeyInsideAListItemNamesItsIndex() {
        bind("""
                headers:
                  - {name: a, value: b}
                  - {name: a, vaule: b}
                """);

        assertEquals(List.of(AT + ".headers[1].vaule: unknown key; allowed keys: name, value"), errors);
    }

    @Test
    void unknownKeyWithAListValueIsLocatedAtTheKey() {
        bind("""
                headers:
                  - {name: a, value: b, extra: [1]}
                colours: [red]
                """);

        assertEquals(List.of(AT + ".headers[0].extra: unknown key; allowed keys: name, value",
                AT + ".colours: unknown key; allowed keys: add-headers, headers, max-hits, dry-run, limit, label"), errors);
    }

    @Test
    void emptyPathLocatesKeysFromTheTopLevel() {
        binder.bind(tree("colour: red"), PluginSettings.class, "", errors);

        assertTrue(errors.getFirst().startsWith("colour: unknown key;"), errors.getFirst());
    }

    @Test
    void everyErrorInTheTreeIsReportedInOnePass() {
        bind("""
                max-hits: many
                dry-run: perhaps
                headers:
                  - {name: a, value: [b]}
                colour: red
                """);

        assertEquals(List.of(
                AT + ".max-hits: expected an integer, got \"many\"",
                AT + ".dry-run: expected true or false, got \"perhaps\"",
                AT + ".headers[0].value: expected a string, got a list",
                AT + ".colour: unknown key; allowed keys: add-headers, headers, max-hits, dry-run, limit, label"),
                errors);
    }

    @Test
    void fractionIsNotAnInteger() {
        bind("max-hits: 1.5");

        assertEquals(List.of(AT + ".max-hits: expected an integer, got 1.5"), errors);
    }

    @Test
    void integerOutOfRangeIsAnError() {
        bind("max-hits: 3000000000");

        assertEquals(List.of(AT + ".max-hits: expected an integer, got 3000000000"), errors);
    }

    @Test
    void integerAndBooleanWrittenAsStringsAreAcceptedBecauseEnvironmentVariablesAreStrings() {
        PluginSettings settings = bind("{max-hits: \"7\", limit: \"9000000000\", dry-run: \"false\"}").orElseThrow();

        assertEquals(7, settings.maxHits());
        assertEquals(9_000_000_000L, settings.limit());
        assertEquals(false, settings.dryRun());
    }

    @Test
    void numberIsNotABoolean() {
        bind("dry-run: 1");

        assertEquals(List.of(AT + ".dry-run: expected true or false, got 1"), errors);
    }

    @Test
    void scalarWhereAMappingIsExpectedIsAnError() {
        bind("add-headers: X-Gateway");

        assertEquals(List.of(AT + ".add-headers: expected a mapping, got \"X-Gateway\""), errors);
    }

    @Test
    void scalarWhereAListIsExpectedIsAnError() {
        bind("headers: X-Gateway");

        assertEquals(List.of(AT + ".headers: expected a list, got \"X-Gateway\""), errors);
    }

    @Test
    void listWhereARecordIsExpectedIsAnError() {
        bind("headers: [[a, b]]");

        assertEquals(List.of(AT + ".headers[0]: expected a mapping, got a list"), errors);
    }

    @Test
    void mappingWhereAStringIsExpectedIsAnError() {
        bind("label: {a: b}");

        assertEquals(List.of(AT + ".label: expected a string, got a mapping"), errors);
    }

    @Test
    void wholeTreeOfTheWrongShapeIsAnErrorAtThePathItself() {
        bind("[a, b]");

        assertEquals(List.of(AT + ": expected a mapping, got a list"), errors);
    }

    @Test
    void emptyListItemIsAnError() {
        bind("""
                headers:
                  - {name: a, value: b}
                  -
                """);

        assertEquals(List.of(AT + ".headers[1]: empty list item"), errors);
    }

    @Test
    void emptyMappingValueIsAnErrorRatherThanADroppedEntry() {
        bind("add-headers: {X-Gateway: ~}");

        assertEquals(List.of(AT + ".add-headers.X-Gateway: expected a value, got nothing"), errors);
    }

    @Test
    void nullKeyValueForARecordComponentMeansAbsent() {
        PluginSettings settings = bind("max-hits: ~").orElseThrow();

        assertEquals(null, settings.maxHits());
    }

    @Test
    void missingTreeBindsAsAnEmptyMapping() {
        Optional<GatewayConfig> bound = binder.bind(null, GatewayConfig.class, "", errors);

        assertEquals(ServerConfig.DEFAULT, bound.orElseThrow().server());
    }

    @Test
    void longValuesAreShortenedInMessages() {
        bind("max-hits: " + "x".repeat(100));

        assertEquals(List.of(AT + ".max-hits: expected an integer, got \"" + "x".repeat(40) + "...\""), errors);
    }

    @Test
    void errorsAreAppendedToThoseAlreadyInTheList() {
        errors.add("earlier: something");

        bind("colour: red");

        assertEquals(2, errors.size());
        assertEquals("earlier: something", errors.getFirst());
    }

    @Test
    void primitiveComponentIsRequiredBecauseItHasNoUnsetValue() {
        binder.bind(tree("enabled: true"), Primitives.class, AT, errors);

        assertEquals(List.of(AT + ".count: expected an integer, got nothing"), errors);
    }

    @Test
    void primitiveComponentIsCheckedAsStrictlyAsItsBox() {
        binder.bind(tree("{count: 1.5, enabled: 1}"), Primitives.class, AT, errors);

        assertEquals(List.of(AT + ".count: expected an integer, got 1.5", AT + ".enabled: expected true or false, got 1"),
                errors);
    }

    @Test
    void enumValueOutsideItsConstantsIsAnErrorListingThem() {
        binder.bind(tree("mode: fast"), WithMode.class, AT, errors);

        assertEquals(List.of(AT + ".mode: expected one of FAST, SAFE, got \"fast\""), errors);
    }

    @Test
    void recordConstructorRefusalIsReportedWithItsMessageAtTheRecordsLocation() {
        binder.bind(tree("window: {hits: 0}\nlabel: x"), Limits.class, AT, errors);

        assertEquals(List.of(AT + ".window: hits must be at least 1, got 0"), errors);
    }

    @Test
    void wholeBindingLeavesOutAValueInErrorSoItsDefaultApplies() {
        ConfigBinder.Bound<PluginSettings> bound = binder.bindWhole(
                tree("{max-hits: many, label: kept, colour: red}"), PluginSettings.class, "");

        assertEquals(List.of("max-hits: expected an integer, got \"many\"",
                "colour: unknown key; allowed keys: add-headers, headers, max-hits, dry-run, limit, label"), bound.errors());
        assertEquals(null, bound.value().orElseThrow().maxHits());
        assertEquals("kept", bound.value().orElseThrow().label());
        assertTrue(bound.explains("max-hits: must be at least 1"));
        assertTrue(bound.explains("colour.shade: anything"));
        assertFalse(bound.explains("label: must not be blank"));
    }

    @Test
    void wholeBindingEmptiesAMappingInErrorSoItsNameStillExists() {
        ConfigBinder.Bound<PluginSettings> bound = binder.bindWhole(tree("add-headers: {X-A: [1, 2]}"), PluginSettings.class, "");

        assertEquals(List.of("add-headers.X-A: expected a string, got a list"), bound.errors());
        assertEquals(Map.of(), bound.value().orElseThrow().addHeaders());
    }

    @Test
    void wholeBindingEmptiesAListItemInErrorSoTheItemsAfterItKeepTheirIndex() {
        ConfigBinder.Bound<PluginSettings> bound = binder.bindWhole(
                tree("headers: [[x], {name: B, value: b}]"), PluginSettings.class, "");

        assertEquals(List.of(new Header(null, null), new Header("B", "b")), bound.value().orElseThrow().headers());
        assertTrue(bound.explains("headers[0].name: missing"));
        assertFalse(bound.explains("headers[1].name: missing"));
    }

    @Test
    void wholeBindingFindsErrorsPastAValueThatBindsAsNullInAMapping() {
        // a first pass stops at add-headers.X-A, which binds as null where a mapping refuses nulls
        ConfigBinder.Bound<PluginSettings> bound = binder.bindWhole(
                tree("{add-headers: {X-A: [1]}, max-hits: many}"), PluginSettings.class, "");

        assertEquals(List.of("add-headers.X-A: expected a string, got a list",
                "max-hits: expected an integer, got \"many\""), bound.errors());
    }

    @Test
    void wholeBindingDoesNotChangeTheTreeItIsGiven() {
        JsonNode tree = tree("{max-hits: many, headers: [[x]]}");
        JsonNode before = tree.deepCopy();

        binder.bindWhole(tree, PluginSettings.class, "");

        assertEquals(before, tree);
    }

    @Test
    void treeInErrorAsAWholeHasErrorsAndNoValue() {
        ConfigBinder.Bound<PluginSettings> bound = binder.bindWhole(tree("[1, 2]"), PluginSettings.class, "");

        assertEquals(Optional.empty(), bound.value());
        assertEquals(List.of("(top level): expected a mapping, got a list"), bound.errors());
    }

    @Test
    void bindReportsErrorsPastAValueThatBindsAsNullInAMappingAtItsLocation() {
        assertTrue(bind("{add-headers: {X-A: [1]}, max-hits: many}").isEmpty());

        assertEquals(List.of(AT + ".add-headers.X-A: expected a string, got a list",
                AT + ".max-hits: expected an integer, got \"many\""), errors);
    }
}
