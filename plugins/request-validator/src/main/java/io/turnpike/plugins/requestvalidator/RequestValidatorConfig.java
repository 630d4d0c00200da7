package io.turnpike.plugins.requestvalidator;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A route's {@code request-validator} config: a JSON Schema for each part of the request to check. Schemas are
 * written in YAML or JSON inside the config, in draft 2020-12 unless their {@code $schema} names another (draft 4,
 * 6, 7 or 2019-09).
 *
 * @param bodySchema   the schema a request's JSON body must match; a request of a method that carries a body
 *                     (any but GET, HEAD, OPTIONS and DELETE) must then have one
 * @param querySchema  the schema of an object holding the query parameters: a parameter given once is a string, one
 *                     given several times an array of strings; strings are taken as the numbers and booleans they
 *                     spell where the schema asks for those
 * @param headerSchema the schema of an object holding the headers, by lower-case name, the same way
 * @param contentTypes the media types a body may have; default {@code application/json} and any
 *                     {@code application/*+json}
 * @param maxBodyBytes the largest body read to be checked, default 1 MiB; a larger one is refused 413
 * @param verbose      whether the 400 answer lists each problem (where, and what is wrong), default true
 * @param bodySchemaFile   a JSON or YAML file holding the body's schema, in place of {@code body-schema}; a relative
 *                         path is resolved against the config file's folder, and the file is read at each reload
 * @param querySchemaFile  the same for {@code query-schema}
 * @param headerSchemaFile the same for {@code header-schema}
 */
public record RequestValidatorConfig(JsonNode bodySchema, JsonNode querySchema, JsonNode headerSchema,
                                     List<String> contentTypes, Integer maxBodyBytes, Boolean verbose,
                                     Path bodySchemaFile, Path querySchemaFile, Path headerSchemaFile) {

    /** 1 MiB: JSON documents of an API are far smaller, and the body is held in memory while it is checked. */
    static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    /**
     * A config with its schemas written inline.
     *
     * @param bodySchema   the body's schema, or null
     * @param querySchema  the query parameters' schema, or null
     * @param headerSchema the headers' schema, or null
     * @param contentTypes the body's media types, or null for JSON's
     * @param maxBodyBytes the largest body read, or null for 1 MiB
     * @param verbose      whether problems are listed, or null for true
     */
    public RequestValidatorConfig(JsonNode bodySchema, JsonNode querySchema, JsonNode headerSchema,
                                  List<String> contentTypes, Integer maxBodyBytes, Boolean verbose) {
        this(bodySchema, querySchema, headerSchema, contentTypes, maxBodyBytes, verbose, null, null, null);
    }

    /** Applies the defaults. */
    public RequestValidatorConfig {
        contentTypes = contentTypes == null ? List.of() : List.copyOf(contentTypes);
        maxBodyBytes = maxBodyBytes == null ? Integer.valueOf(DEFAULT_MAX_BODY_BYTES) : maxBodyBytes;
        verbose = verbose == null || verbose;
    }
}
