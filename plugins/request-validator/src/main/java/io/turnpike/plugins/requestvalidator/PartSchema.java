package io.turnpike.plugins.requestvalidator;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;

/**
 * The compiled schema of one part of a request.
 *
 * @param in     the part: {@code body}, {@code query} or {@code header}
 * @param schema the compiled schema
 */
record PartSchema(String in, Schema schema) {

    /**
     * @param instance the part, as JSON
     * @return each way it fails the schema, none when it matches
     */
    List<Violation> violations(JsonNode instance) {
        List<Violation> violations = new ArrayList<>();
        for (Error error : schema.validate(instance)) {
            String pointer = error.getInstanceLocation().toString();
            // "required" and "additionalProperties" report the object; the member they name is where the fault is
            if (error.getProperty() != null) {
                pointer += "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
            }
            violations.add(new Violation(in, pointer, error.getMessage()));
        }
        return violations;
    }
}
