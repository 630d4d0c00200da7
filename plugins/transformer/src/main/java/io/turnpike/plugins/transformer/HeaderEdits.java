package io.turnpike.plugins.transformer;

import java.util.List;
import java.util.Map;

import io.turnpike.api.Headers;

/**
 * The header operations both transformers offer, in the order they run: remove, rename, replace (only
 * present headers), add (only absent ones), append (one more value) and set (in place of any values). Holds
 * the validated config's collections, as they are.
 *
 * @param remove  header names to remove, every value of each
 * @param rename  old name to new name; a present header moves with all its values
 * @param replace name to value, written only when the header is present
 * @param add     name to value, written only when the header is absent
 * @param append  name to value, always added as one more value
 * @param set     name to value, written in place of any values the header had
 */
record HeaderEdits(List<String> remove, Map<String, String> rename, Map<String, String> replace,
                   Map<String, String> add, Map<String, String> append, Map<String, String> set) {

    /** Whether no operation is configured, so that headers can pass untouched without a look. */
    boolean isEmpty() {
        return remove.isEmpty() && rename.isEmpty() && replace.isEmpty() && add.isEmpty() && append.isEmpty()
                && set.isEmpty();
    }

    /**
     * Applies every operation.
     *
     * @param headers the fields as they came
     * @return the edited fields, or the very same ones when no operation changed anything
     */
    Headers apply(Headers headers) {
        FieldList fields = new FieldList(headers);
        remove.forEach(fields::remove);
        rename.forEach((from, to) -> {
            List<String> moved = fields.values(from);
            if (!moved.isEmpty()) {
                fields.remove(from);
                fields.remove(to);
                moved.forEach(value -> fields.add(to, value));
            }
        });
        replace.forEach((name, value) -> {
            if (fields.contains(name)) {
                fields.set(name, value);
            }
        });
        add.forEach((name, value) -> {
            if (!fields.contains(name)) {
                fields.add(name, value);
            }
        });
        append.forEach(fields::add);
        set.forEach(fields::set);
        return fields.toHeaders();
    }
}
