package io.turnpike.plugins.xmljson;

import java.util.Optional;

/**
 * One direction of translation, as the config names it.
 *
 * @param from the format a body must have to be translated
 * @param to   the format it is given
 */
record Translation(Format from, Format to) {

    /**
     * @param name {@code json-to-xml} or {@code xml-to-json}
     * @return the translation, or empty for any other name
     */
    static Optional<Translation> named(String name) {
        return switch (name) {
            case "json-to-xml" -> Optional.of(new Translation(Format.JSON, Format.XML));
            case "xml-to-json" -> Optional.of(new Translation(Format.XML, Format.JSON));
            default -> Optional.empty();
        };
    }
}
