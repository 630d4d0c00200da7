package io.turnpike.plugins.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.api.ConfigError;
import org.junit.jupiter.api.Test;

/** What each JSON operation does to a body, and what its config may not say. */
class JsonEditsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode edited(String configYaml, String body) throws Exception {
        JsonNode root = JSON.readTree(body);
        Fixtures.responseConfig(configYaml).jsonEdits().apply(root);
        return root;
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void removeTakesOutNestedFieldsAndLeavesAbsentOnesAlone() throws Exception {
        assertEquals(json("{\"id\":7,\"customer\":{\"name\":\"ada\"}}"),
                edited("remove-json: [internal, customer.email, nothing.here]",
                        "{\"id\":7,\"internal\":true,\"customer\":{\"name\":\"ada\",\"email\":\"a@x\"}}"));
    }

    @Test
    void renameMovesAFieldWithinItsObject() throws Exception {
        assertEquals(json("{\"customer\":{\"fullName\":\"ada\"}}"),
                edited("rename-json: {customer.name: fullName}", "{\"customer\":{\"name\":\"ada\"}}"));
    }

    @Test
    void replaceWritesOnlyFieldsThatArePresent() throws Exception {
        assertEquals(json("{\"status\":\"hidden\"}"),
                edited("replace-json: {status: hidden, total: 0}", "{\"status\":\"PLACED\"}"));
    }

    @Test
    void addWritesOnlyAbsentFieldsMakingTheObjectsOnTheWay() throws Exception {
        assertEquals(json("{\"version\":1,\"meta\":{\"source\":\"gateway\",\"tags\":[\"a\"]}}"),
                edited("add-json: {version: 2, meta.source: gateway, meta.tags: [a]}", "{\"version\":1}"));
    }

    @Test
    void setWritesEitherWayWithTheValuesYamlType() throws Exception {
        assertEquals(json("{\"total\":\"4200\",\"paid\":true,\"tags\":[\"a\",1]}"),
                edited("set-json: {total: \"4200\", paid: true, tags: [a, 1]}", "{\"total\":4200}"));
    }

    @Test
    void eachObjectOfATopLevelArrayIsEdited() throws Exception {
        assertEquals(json("[{\"id\":1},{\"id\":2},3]"),
                edited("remove-json: [secret]", "[{\"id\":1,\"secret\":\"s\"},{\"id\":2},3]"));
    }

    @Test
    void aPathThroughSomethingOtherThanAnObjectChangesNothing() throws Exception {
        JsonNode root = json("{\"customer\":\"ada\"}");

        boolean changed = Fixtures.responseConfig("set-json: {customer.name: grace}").jsonEdits().apply(root);

        assertFalse(changed);
        assertEquals(json("{\"customer\":\"ada\"}"), root);
    }

    @Test
    void aBodyTheOperationsDoNotTouchIsReportedUnchanged() throws Exception {
        assertFalse(Fixtures.responseConfig("remove-json: [secret]").jsonEdits().apply(json("{\"id\":1}")));
        assertTrue(Fixtures.responseConfig("remove-json: [id]").jsonEdits().apply(json("{\"id\":1}")));
    }

    @Test
    void pathsMustBeDottedNamesAndNewNamesPlainOnes() {
        List<ConfigError> errors = Fixtures.responseConfig("""
                remove-json: ["", a..b]
                rename-json: {customer.name: full.name}
                """).jsonEdits().errors();

        assertEquals(List.of(
                new ConfigError("remove-json[0]", "must be a field name, or names joined by dots such as order.total"),
                new ConfigError("remove-json[1]", "must be a field name, or names joined by dots such as order.total"),
                new ConfigError("rename-json.customer.name", "must give a new field name without dots")), errors);
    }

    @Test
    void aFieldMayBeWrittenByOnlyOneValueOperation() {
        List<ConfigError> errors = Fixtures.responseConfig("add-json: {a: 1}\nset-json: {a: 2}").jsonEdits().errors();

        assertEquals(List.of(new ConfigError("set-json.a",
                "is also in add-json; a field may appear in only one of replace-json, add-json and set-json")), errors);
    }
}
