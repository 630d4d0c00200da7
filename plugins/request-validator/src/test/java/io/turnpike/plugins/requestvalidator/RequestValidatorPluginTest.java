package io.turnpike.plugins.requestvalidator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config errors of docs/plugins/request-validator.md, each at the key and with the message the page shows. */
class RequestValidatorPluginTest {

    private final RequestValidatorPlugin plugin = new RequestValidatorPlugin();

    private static JsonNode yaml(String text) {
        try {
            return new YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static RequestValidatorConfig body(String schema) {
        return new RequestValidatorConfig(yaml(schema), null, null, null, null, null);
    }

    private List<ConfigError> errors(RequestValidatorConfig config) {
        return plugin.validate(config);
    }

    private static List<ConfigError> error(String key, String message) {
        return List.of(new ConfigError(key, message));
    }

    @Test
    void runsWithTheTrafficPluginsAfterAuthentication() {
        assertEquals(Phase.TRAFFIC, plugin.phase());
    }

    @Test
    void theDocumentedSchemasHaveNoErrors() {
        assertEquals(List.of(), errors(new RequestValidatorConfig(
                yaml("{type: object, properties: {qty: {type: integer, minimum: 1}}, $defs: {sku: {type: string}}}"),
                yaml("{type: object, properties: {limit: {type: integer}}}"),
                yaml("{type: object, required: [x-api-version]}"),
                List.of("application/json", "Application/Vnd.Orders+JSON"), 4096, false)));
    }

    @Test
    void atLeastOneSchemaIsNeeded() {
        assertEquals(error("body-schema", "missing; give at least one of body-schema, query-schema and header-schema"),
                errors(new RequestValidatorConfig(null, null, null, null, null, null)));
    }

    @Test
    void aSchemaIsAMappingOrABoolean() {
        assertEquals(error("body-schema", "must be a JSON Schema: a mapping such as {type: object}, or true or false"),
                errors(body("[type, object]")));
        assertEquals(List.of(), errors(body("true")));
    }

    @Test
    void aSchemaThatBreaksItsDraftIsAnErrorAtTheFaultyKeyword() {
        List<ConfigError> errors = errors(body("{type: object, properties: {qty: {type: strin}}}"));

        assertEquals(new ConfigError("body-schema", "at /properties/qty/type: does not have a value in the enumeration"
                + " [\"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\", \"string\"]"), errors.getFirst());
    }

    @Test
    void aDraftIsNamedByItsMetaSchemaAndOnlySupportedOnesAreTaken() {
        assertEquals(List.of(), errors(body("{$schema: 'http://json-schema.org/draft-07/schema#', type: object}")));
        assertEquals(List.of(), errors(body("{$schema: 'http://json-schema.org/draft-04/schema', type: object}")));
        assertEquals(error("body-schema.$schema", "must name draft 4, 6, 7, 2019-09 or 2020-12, such as"
                        + " https://json-schema.org/draft/2020-12/schema, got \"http://json-schema.org/draft-03/schema#\""),
                errors(body("{$schema: 'http://json-schema.org/draft-03/schema#', type: object}")));
    }

    @Test
    void aRefOutsideTheSchemaIsRefusedWithoutFetchingOrReadingIt() {
        assertEquals(error("body-schema", "at /properties/item/$ref: must point inside the schema, such as #/$defs/sku;"
                        + " nothing is fetched, got \"http://127.0.0.1:9/item.json\""),
                errors(body("{properties: {item: {$ref: 'http://127.0.0.1:9/item.json'}}}")));
        assertEquals(error("body-schema", "at /$ref: must point inside the schema, such as #/$defs/sku; nothing is"
                + " fetched, got \"file:///etc/passwd\""), errors(body("{$ref: 'file:///etc/passwd'}")));
        assertEquals(error("body-schema", "at /$dynamicRef: must point inside the schema, such as #/$defs/sku; nothing"
                + " is fetched, got \"https://example.com/meta\""), errors(body("{$dynamicRef: 'https://example.com/meta'}")));
    }

    @Test
    void aRefInsideTheSchemaMustPointToSomething() {
        assertEquals(List.of(), errors(body("{$defs: {sku: {type: string}}, properties: {sku: {$ref: '#/$defs/sku'}}}")));
        assertEquals(error("body-schema", "at /properties/sku/$ref: points to nothing in the schema, got"
                + " \"#/$defs/skus\""), errors(body("{$defs: {sku: {type: string}}, properties: {sku: {$ref: '#/$defs/skus'}}}")));
        assertEquals(List.of(), errors(body("{enum: [{$ref: 'http://example.com/just-data'}]}")), "data is not a schema");
    }

    @Test
    void headersAreNamedInLowerCase() {
        assertEquals(List.of(new ConfigError("header-schema.properties", "headers are matched by lower-case name; write"
                        + " x-api-version for X-Api-Version"),
                new ConfigError("header-schema.required[0]", "headers are matched by lower-case name; write"
                        + " x-api-version for X-Api-Version")),
                errors(new RequestValidatorConfig(null, null,
                        yaml("{required: [X-Api-Version], properties: {X-Api-Version: {enum: ['1']}}}"), null, null, null)));
    }

    @Test
    void contentTypesAreMediaTypesForABodySchema() {
        assertEquals(error("content-types[0]", "must be a media type such as application/json, without parameters, got"
                + " \"json\""), errors(new RequestValidatorConfig(yaml("{}"), null, null, List.of("json"), null, null)));
        assertEquals(error("content-types", "is used only with body-schema"),
                errors(new RequestValidatorConfig(null, yaml("{}"), null, List.of("application/json"), null, null)));
    }

    @Test
    void theBodyBoundIsBetweenOneByteAnd64MiB() {
        assertEquals(error("max-body-bytes", "must be 1 to 67108864 (64 MiB), got 0"),
                errors(new RequestValidatorConfig(yaml("{}"), null, null, null, 0, null)));
    }

    @Test
    void defaultsAreJsonBodiesOfUpTo1MiBAndAListOfProblems() {
        RequestValidatorConfig config = new RequestValidatorConfig(new ObjectMapper().createObjectNode(), null, null,
                null, null, null);

        assertEquals(List.of(), config.contentTypes());
        assertEquals(1 << 20, config.maxBodyBytes());
        assertTrue(config.verbose());
    }

    @TempDir
    Path dir;

    private static RequestValidatorConfig bodyFile(Path file) {
        return new RequestValidatorConfig(null, null, null, null, null, null, file, null, null);
    }

    @Test
    void aSchemaMayComeFromAJsonOrYamlFile() throws Exception {
        Path json = Files.writeString(dir.resolve("order.schema.json"), "{\"type\": \"object\", \"required\": [\"id\"]}");
        Path yaml = Files.writeString(dir.resolve("order.schema.yaml"), "type: object\nrequired: [id]\n");

        assertEquals(List.of(), errors(bodyFile(json)));
        assertEquals(List.of(), errors(bodyFile(yaml)));
    }

    @Test
    void aSchemaFileIsCheckedAsAnInlineSchemaIsAndNamedAtItsKey() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "type: strin\n");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"type\": }");
        Path missing = dir.resolve("missing.json");

        assertEquals("body-schema-file", errors(bodyFile(typo)).getFirst().key());
        assertTrue(errors(bodyFile(broken)).getFirst().message().startsWith("is not valid JSON: " + broken + " ("),
                errors(bodyFile(broken)).toString());
        assertEquals(error("body-schema-file", "cannot be read: " + missing + " (NoSuchFileException)"),
                errors(bodyFile(missing)));
        assertEquals(error("body-schema-file", "give body-schema or body-schema-file, not both"), errors(
                new RequestValidatorConfig(yaml("{}"), null, null, null, null, null, missing, null, null)));
    }
}
