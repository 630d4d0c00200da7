package io.turnpike.plugins.requestvalidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.turnpike.api.ConfigError;

/**
 * Checks and compiles the schemas of a config. A schema is checked against its draft's meta-schema when the config
 * loads, so that a typo such as {@code type: strin} is a config error rather than a schema that refuses everything.
 * Nothing is ever fetched or read: a {@code $ref} must point inside the schema, so loading a config makes no network
 * call, reads no file, and a schema cannot change under a running gateway.
 */
final class SchemaCompiler {

    private static final SpecificationVersion DEFAULT_DRAFT = SpecificationVersion.DRAFT_2020_12;
    /** The keywords that refer to another schema, in every draft taken. */
    private static final List<String> REFERENCES = List.of("$ref", "$dynamicRef", "$recursiveRef");
    /** Keywords whose values are data, not schemas: a "$ref" member in them is a value like any other. */
    private static final Set<String> DATA_KEYWORDS = Set.of("enum", "const", "default", "examples");
    /** Enough to fix a schema by; the rest follow once these are. */
    private static final int MAX_REPORTED = 5;

    /** For JSON bodies: a string is never a number. */
    private final SchemaRegistry strict = registry(false);
    /** For query parameters and headers, whose values are all text: "5" is taken as the integer it spells. */
    private final SchemaRegistry loose = registry(true);

    private static SchemaRegistry registry(boolean typeLoose) {
        return SchemaRegistry.withDefaultDialect(DEFAULT_DRAFT, registry -> registry
                .schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_POINTER)
                        .typeLoose(typeLoose)
                        .build())
                .schemaLoader(loader -> loader.fetchRemoteResources(false)));
    }

    /**
     * @param key    the config key, for the errors
     * @param schema the schema as written
     * @return what is wrong with it, none when it can be used
     */
    List<ConfigError> check(String key, JsonNode schema) {
        if (!schema.isObject() && !schema.isBoolean()) {
            return List.of(new ConfigError(key, "must be a JSON Schema: a mapping such as {type: object}, or true or"
                    + " false"));
        }
        Optional<SpecificationVersion> draft = draft(schema);
        if (draft.isEmpty()) {
            return List.of(new ConfigError(key + ".$schema", "must name draft 4, 6, 7, 2019-09 or 2020-12, such as"
                    + " https://json-schema.org/draft/2020-12/schema, got \"" + schema.path("$schema").asText()
                    + "\""));
        }
        List<ConfigError> errors = new ArrayList<>();
        references(key, schema, schema, "", errors);
        if (!errors.isEmpty()) {
            return errors;
        }
        try {
            List<Error> faults = strict.getSchema(SchemaLocation.of(draft.get().getDialectId())).validate(schema);
            for (Error fault : faults.subList(0, Math.min(MAX_REPORTED, faults.size()))) {
                String at = fault.getInstanceLocation().toString();
                errors.add(new ConfigError(key, (at.isEmpty() ? "" : "at " + at + ": ") + fault.getMessage()));
            }
            if (errors.isEmpty()) {
                strict.getSchema(schema);
            }
        } catch (SchemaException e) {
            errors.add(new ConfigError(key, "cannot be used: " + e.getMessage()));
        }
        return errors;
    }

    /**
     * Finds each {@code $ref} that points outside the schema, or to nothing in it. The validator resolves references
     * only when a request first reaches them, and would read a {@code file:} or {@code classpath:} one: both are
     * decided here instead, when the config loads.
     */
    private static void references(String key, JsonNode root, JsonNode node, String at, List<ConfigError> errors) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                references(key, root, node.get(i), at + "/" + i, errors);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (String keyword : REFERENCES) {
            JsonNode ref = node.get(keyword);
            if (ref == null || !ref.isTextual()) {
                continue;
            }
            String target = ref.asText();
            if (!target.startsWith("#")) {
                errors.add(new ConfigError(key, "at " + at + "/" + keyword + ": must point inside the schema, such as"
                        + " #/$defs/sku; nothing is fetched, got \"" + target + "\""));
            } else if (target.startsWith("#/") && root.at(target.substring(1)).isMissingNode()) {
                errors.add(new ConfigError(key, "at " + at + "/" + keyword + ": points to nothing in the schema, got \""
                        + target + "\""));
            }
        }
        node.properties().forEach(member -> {
            if (!DATA_KEYWORDS.contains(member.getKey())) {
                String pointer = at + "/" + member.getKey().replace("~", "~0").replace("/", "~1");
                references(key, root, member.getValue(), pointer, errors);
            }
        });
    }

    /**
     * @param in     the part of the request the schema is for
     * @param schema a schema {@link #check} found no fault in
     * @return the compiled schema; for {@code query} and {@code header}, one that takes text for the numbers and
     *         booleans it spells
     */
    PartSchema compile(String in, JsonNode schema) {
        return new PartSchema(in, ("body".equals(in) ? strict : loose).getSchema(schema));
    }

    private static Optional<SpecificationVersion> draft(JsonNode schema) {
        JsonNode named = schema.path("$schema");
        if (named.isMissingNode()) {
            return Optional.of(DEFAULT_DRAFT);
        }
        return SpecificationVersion.fromDialectId(named.asText())
                .or(() -> SpecificationVersion.fromDialectId(named.asText().replaceFirst("#$", "")))
                .or(() -> SpecificationVersion.fromDialectId(named.asText() + "#"));
    }
}
