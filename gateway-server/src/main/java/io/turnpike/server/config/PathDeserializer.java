package io.turnpike.server.config;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads file paths, resolving a relative one against the config file's folder: the rule the gateway's own
 * file settings follow (TLS files, {@code plugins.directory}), given to plugins whose config records declare
 * {@link Path} components, so that no setting depends on the folder the gateway was started from.
 */
final class PathDeserializer extends StdScalarDeserializer<Path> {

    private final Path baseDirectory;

    /**
     * @param baseDirectory the folder relative paths resolve against, or null to keep them as written
     */
    PathDeserializer(Path baseDirectory) {
        super(Path.class);
        this.baseDirectory = baseDirectory;
    }

    @Override
    public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (Path) ctxt.handleUnexpectedToken(Path.class, p);
        }
        String text = p.getText();
        if (text.isBlank()) {
            return (Path) ctxt.handleWeirdStringValue(Path.class, text, "a file path");
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            return (Path) ctxt.handleWeirdStringValue(Path.class, text, "a file path (" + e.getReason() + ")");
        }
        return baseDirectory == null || path.isAbsolute() ? path : baseDirectory.resolve(path).normalize();
    }
}
