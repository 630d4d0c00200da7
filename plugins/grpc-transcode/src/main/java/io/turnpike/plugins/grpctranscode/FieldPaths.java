package io.turnpike.plugins.grpctranscode;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

/**
 * Dotted field paths, such as {@code order.customer}, as path variables and query parameters name the fields
 * of a request message: each step by its proto name or its JSON name.
 */
final class FieldPaths {

    private FieldPaths() {
    }

    /**
     * The fields a path goes through.
     *
     * @param message the message the path starts in
     * @param path    the dotted path
     * @return the fields, outermost first; empty when a step names no field, or goes through a field that is not
     *         a single message
     */
    static List<FieldDescriptor> resolve(Descriptor message, String path) {
        List<FieldDescriptor> fields = new ArrayList<>();
        Descriptor current = message;
        for (String step : path.split("\\.", -1)) {
            if (current == null) {
                return List.of();
            }
            FieldDescriptor field = field(current, step);
            if (field == null) {
                return List.of();
            }
            fields.add(field);
            current = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
                    ? field.getMessageType() : null;
        }
        return fields;
    }

    private static FieldDescriptor field(Descriptor message, String name) {
        FieldDescriptor byProtoName = message.findFieldByName(name);
        if (byProtoName != null) {
            return byProtoName;
        }
        return message.getFields().stream().filter(f -> f.getJsonName().equals(name)).findFirst().orElse(null);
    }
}
