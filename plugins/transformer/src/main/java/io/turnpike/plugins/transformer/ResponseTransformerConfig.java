package io.turnpike.plugins.transformer;

import static io.turnpike.plugins.transformer.ConfigCollections.frozen;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A route's {@code response-transformer} config. The JSON operations run first, in the order of the
 * components (remove, rename, replace, add, set), then the header operations (remove, rename, replace, add,
 * append, set). Every component may be left out and then means "do nothing".
 *
 * <p>Maps keep the order of the YAML. JSON values are any YAML value, kept as JSON: {@code 2}, {@code "2"},
 * {@code true}, {@code [a, b]} or {@code {k: v}}.
 *
 * @param removeHeaders  answer header names to remove, every value of each
 * @param renameHeaders  old name to new name; a present header moves with all its values
 * @param replaceHeaders name to value, written only when the header is present
 * @param addHeaders     name to value, written only when the header is absent
 * @param appendHeaders  name to value, always added as one more value
 * @param setHeaders     name to value, written in place of any values the header had
 * @param removeJson     paths of JSON fields to remove
 * @param renameJson     path to the field's new name, in the same object
 * @param replaceJson    path to value, written only when the field is present
 * @param addJson        path to value, written only when the field is absent
 * @param setJson        path to value, written either way
 * @param maxBodySize    the largest JSON answer edited, in bytes; larger ones pass untouched
 */
public record ResponseTransformerConfig(List<String> removeHeaders,
                                        Map<String, String> renameHeaders,
                                        Map<String, String> replaceHeaders,
                                        Map<String, String> addHeaders,
                                        Map<String, String> appendHeaders,
                                        Map<String, String> setHeaders,
                                        List<String> removeJson,
                                        Map<String, String> renameJson,
                                        @JsonSetter(contentNulls = Nulls.SET) Map<String, JsonNode> replaceJson,
                                        @JsonSetter(contentNulls = Nulls.SET) Map<String, JsonNode> addJson,
                                        @JsonSetter(contentNulls = Nulls.SET) Map<String, JsonNode> setJson,
                                        Integer maxBodySize) {

    static final int DEFAULT_MAX_BODY_SIZE = 1024 * 1024;
    /** An edited body is held whole, so its size is bounded. */
    static final int LARGEST_BODY_SIZE = 16 * 1024 * 1024;

    /** Defaults every absent component to empty and makes every one immutable. */
    public ResponseTransformerConfig {
        removeHeaders = frozen(removeHeaders);
        renameHeaders = frozen(renameHeaders);
        replaceHeaders = frozen(replaceHeaders);
        addHeaders = frozen(addHeaders);
        appendHeaders = frozen(appendHeaders);
        setHeaders = frozen(setHeaders);
        removeJson = frozen(removeJson);
        renameJson = frozen(renameJson);
        replaceJson = frozen(replaceJson);
        addJson = frozen(addJson);
        setJson = frozen(setJson);
        maxBodySize = maxBodySize == null ? DEFAULT_MAX_BODY_SIZE : maxBodySize;
    }

    /** The header operations. */
    HeaderEdits headerEdits() {
        return new HeaderEdits(removeHeaders, renameHeaders, replaceHeaders, addHeaders, appendHeaders, setHeaders);
    }

    /** The JSON operations. */
    JsonEdits jsonEdits() {
        return new JsonEdits(removeJson, renameJson, replaceJson, addJson, setJson);
    }
}
