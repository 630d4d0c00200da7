package io.turnpike.plugins.requestvalidator;

import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code request-validator}: refuses requests whose JSON body, query parameters or headers do not match the route's
 * JSON Schemas with 400 and the list of what is wrong, as Kong's request-validator and APISIX's request-validation
 * do. See {@code docs/plugins/request-validator.md}.
 */
@Extension
public final class RequestValidatorPlugin implements GatewayPlugin<RequestValidatorConfig> {

    /** The name routes use. */
    public static final String NAME = "request-validator";

    /** 64 MiB: past it a JSON body is no API request, and the bound is there so memory stays bounded. */
    private static final int MAX_BODY_BYTES = 64 << 20;
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+");

    /**
     * Made when a config first names the plugin: building its schema registries is about 50 ms of a start,
     * which a gateway whose routes never use the plugin should not pay.
     */
    private SchemaCompiler schemas;
    /** Trailing content after the JSON value ({@code {} {}}) is a malformed body, not one to check the start of. */
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    public String name() {
        return NAME;
    }

    private synchronized SchemaCompiler schemas() {
        if (schemas == null) {
            schemas = new SchemaCompiler();
        }
        return schemas;
    }

    @Override
    public Class<RequestValidatorConfig> configType() {
        return RequestValidatorConfig.class;
    }

    /** After authentication, so that no unknown caller makes the gateway read a body; before any rewriting. */
    @Override
    public Phase phase() {
        return Phase.TRAFFIC;
    }

    @Override
    public List<ConfigError> validate(RequestValidatorConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        Optional<JsonNode> body = SchemaSources.schema("body-schema", config.bodySchema(), config.bodySchemaFile(),
                errors);
        Optional<JsonNode> query = SchemaSources.schema("query-schema", config.querySchema(),
                config.querySchemaFile(), errors);
        Optional<JsonNode> header = SchemaSources.schema("header-schema", config.headerSchema(),
                config.headerSchemaFile(), errors);
        if (errors.isEmpty() && body.isEmpty() && query.isEmpty() && header.isEmpty()) {
            errors.add(new ConfigError("body-schema", "missing; give at least one of body-schema, query-schema and"
                    + " header-schema"));
        }
        body.ifPresent(schema -> errors.addAll(schemas().check(key("body-schema", config.bodySchemaFile()), schema)));
        query.ifPresent(schema -> errors.addAll(schemas().check(key("query-schema", config.querySchemaFile()),
                schema)));
        header.ifPresent(schema -> {
            List<ConfigError> headerErrors = schemas().check(key("header-schema", config.headerSchemaFile()), schema);
            errors.addAll(headerErrors.isEmpty() ? lowerCaseNames(schema) : headerErrors);
        });
        for (int i = 0; i < config.contentTypes().size(); i++) {
            String type = config.contentTypes().get(i);
            if (type == null || !MEDIA_TYPE.matcher(type.toLowerCase(Locale.ROOT)).matches()) {
                errors.add(new ConfigError("content-types[" + i + "]", "must be a media type such as"
                        + " application/json, without parameters, got \"" + type + "\""));
            }
        }
        if (config.bodySchema() == null && config.bodySchemaFile() == null && !config.contentTypes().isEmpty()) {
            errors.add(new ConfigError("content-types", "is used only with body-schema"));
        }
        if (config.maxBodyBytes() < 1 || config.maxBodyBytes() > MAX_BODY_BYTES) {
            errors.add(new ConfigError("max-body-bytes", "must be 1 to " + MAX_BODY_BYTES + " (64 MiB), got "
                    + config.maxBodyBytes()));
        }
        return errors;
    }

    /** The key a schema's errors are named at: the inline one, or the file's. */
    private static String key(String inline, Path file) {
        return file == null ? inline : inline + "-file";
    }

    /**
     * Headers are matched by lower-case name, so a schema that names {@code X-Api-Version} would never see it:
     * that is a mistake to point out, not a header to miss.
     */
    private static List<ConfigError> lowerCaseNames(JsonNode schema) {
        List<ConfigError> errors = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(name -> {
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                errors.add(new ConfigError("header-schema.properties", "headers are matched by lower-case name;"
                        + " write " + name.toLowerCase(Locale.ROOT) + " for " + name));
            }
        });
        JsonNode required = schema.path("required");
        for (int i = 0; i < required.size(); i++) {
            String name = required.get(i).asText();
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                errors.add(new ConfigError("header-schema.required[" + i + "]", "headers are matched by lower-case"
                        + " name; write " + name.toLowerCase(Locale.ROOT) + " for " + name));
            }
        }
        return errors;
    }

    @Override
    public Filter create(RequestValidatorConfig config, PluginContext context) {
        JsonNode body = SchemaSources.loaded("body-schema", config.bodySchema(), config.bodySchemaFile());
        JsonNode query = SchemaSources.loaded("query-schema", config.querySchema(), config.querySchemaFile());
        JsonNode header = SchemaSources.loaded("header-schema", config.headerSchema(), config.headerSchemaFile());
        return new RequestValidatorFilter(
                body == null ? null : schemas().compile("body", body),
                query == null ? null : schemas().compile("query", query),
                header == null ? null : schemas().compile("header", header),
                config.contentTypes().stream().map(type -> type.toLowerCase(Locale.ROOT)).toList(),
                config.maxBodyBytes(), json, new ValidationAnswer(json, config.verbose()),
                context.counter("rejected", "Requests refused because they did not match the route's schemas."));
    }
}
