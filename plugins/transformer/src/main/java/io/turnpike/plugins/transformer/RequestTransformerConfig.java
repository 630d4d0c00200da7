package io.turnpike.plugins.transformer;

import static io.turnpike.plugins.transformer.ConfigCollections.frozen;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A route's {@code request-transformer} config. The operations run in the order of the components:
 * headers are removed, renamed, then replaced, added, appended and set; then query parameters are removed
 * and added; then the path is rewritten; then a JSON body is edited (remove, rename, replace, add, set). Every component may be left out and then means "do nothing".
 *
 * <p>Maps keep the order of the YAML, so renames and additions happen in the order they were written.
 * Null entries (a YAML key without a value) are kept so that {@code validate} can name them, rather than
 * failing inside Jackson with a message that does not say which key was empty.
 *
 * @param removeHeaders     header names to remove, every value of each
 * @param renameHeaders     old name to new name; a present header moves with all its values
 * @param replaceHeaders    name to value, written only when the header is present
 * @param addHeaders        name to value, written only when the header is absent
 * @param appendHeaders     name to value, always added as one more value
 * @param setHeaders        name to value, written in place of any values the header had
 * @param removeQueryParams query parameter names to remove, every occurrence of each
 * @param addQueryParams    name to value, added only when the parameter is absent
 * @param rewritePath       the path's rewrite, or null for none
 * @param removeJson        paths of fields to remove from a JSON request body
 * @param renameJson        path to the field's new name, in the same object
 * @param replaceJson       path to value, written only when the field is present
 * @param addJson           path to value, written only when the field is absent
 * @param setJson           path to value, written either way
 * @param maxBodySize       the largest JSON body edited, in bytes; a larger one is refused 413, so that no field
 *                          to remove slips through in a body too large to read
 */
public record RequestTransformerConfig(List<String> removeHeaders,
                                       Map<String, String> renameHeaders,
                                       Map<String, String> replaceHeaders,
                                       Map<String, String> addHeaders,
                                       Map<String, String> appendHeaders,
                                       Map<String, String> setHeaders,
                                       List<String> removeQueryParams,
                                       Map<String, String> addQueryParams,
                                       PathRewrite rewritePath,
                                       List<String> removeJson,
                                       Map<String, String> renameJson,
                                       @JsonSetter(contentNulls = Nulls.SET) Map<String, JsonNode> replaceJson,
                                       @JsonSetter(contentNulls = Nulls.SET) Map<String, JsonNode> addJson,
                                       @JsonSetter(contentNulls = Nulls.SET) Map<String, JsonNode> setJson,
                                       Integer maxBodySize) {

    /** The config of a route that names the plugin without a {@code config:} block: does nothing. */
    public static final RequestTransformerConfig EMPTY = new RequestTransformerConfig(null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null);

    /** Defaults every absent component to empty and makes every one immutable. */
    public RequestTransformerConfig {
        removeHeaders = frozen(removeHeaders);
        renameHeaders = frozen(renameHeaders);
        replaceHeaders = frozen(replaceHeaders);
        addHeaders = frozen(addHeaders);
        appendHeaders = frozen(appendHeaders);
        setHeaders = frozen(setHeaders);
        removeQueryParams = frozen(removeQueryParams);
        addQueryParams = frozen(addQueryParams);
        removeJson = frozen(removeJson);
        renameJson = frozen(renameJson);
        replaceJson = frozen(replaceJson);
        addJson = frozen(addJson);
        setJson = frozen(setJson);
        maxBodySize = maxBodySize == null ? ResponseTransformerConfig.DEFAULT_MAX_BODY_SIZE : maxBodySize;
    }

    /** The JSON operations on the request's body. */
    JsonEdits jsonEdits() {
        return new JsonEdits(removeJson, renameJson, replaceJson, addJson, setJson);
    }

    /** The header operations. */
    HeaderEdits headerEdits() {
        return new HeaderEdits(removeHeaders, renameHeaders, replaceHeaders, addHeaders, appendHeaders, setHeaders);
    }
}
