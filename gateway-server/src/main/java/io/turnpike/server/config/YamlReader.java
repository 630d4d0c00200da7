package io.turnpike.server.config;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses YAML text into a tree, refusing what would otherwise be read silently wrong: duplicate keys
 * (the last would win), a second document (it would be ignored) and aliases (Jackson reads {@code *x}
 * as the string {@code "x"}). Errors carry the line and column, as nothing else locates them.
 */
final class YamlReader {

    private final YAMLFactory factory;
    private final ObjectReader reader;

    YamlReader() {
        YAMLMapper mapper = YAMLMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.factory = mapper.getFactory();
        this.reader = mapper.readerFor(JsonNode.class);
    }

    /**
     * Parses one document.
     *
     * @param text   the YAML
     * @param errors where errors go, each as {@code line L, column C: message}
     * @return the tree, empty after an error or when the text holds no value at all
     */
    Optional<JsonNode> read(String text, List<String> errors) {
        try {
            int before = errors.size();
            if (!scan(text, errors) || errors.size() > before) {
                return Optional.empty();
            }
            JsonNode tree = reader.readValue(text);
            return tree == null || tree.isNull() || tree.isMissingNode() ? Optional.empty() : Optional.of(tree);
        } catch (JsonProcessingException e) {
            errors.add(describe(e));
            return Optional.empty();
        } catch (IOException e) {
            errors.add(e.getMessage());
            return Optional.empty();
        }
    }

    /** Reports every alias; returns whether the text holds any value (comments alone do not). */
    private boolean scan(String text, List<String> errors) throws IOException {
        boolean content = false;
        try (YAMLParser p = factory.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                content = true;
                if (p.isCurrentAlias()) {
                    errors.add(at(p.currentTokenLocation()) + ": YAML aliases (*" + p.getText()
                            + ") are not supported; write the value out");
                }
            }
        }
        return content;
    }

    private static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
            return "line " + (yaml.getProblemMark().getLine() + 1) + ", column " + (yaml.getProblemMark().getColumn() + 1)
                    + ": " + yaml.getProblem() + context;
        }
        String message = e.getOriginalMessage();
        if (message.startsWith("Duplicate field ")) {
            message = "duplicate key " + message.substring("Duplicate field ".length());
        } else if (message.startsWith("Trailing token")) {
            message = "only one YAML document is allowed; another starts here";
        }
        return at(e.getLocation()) + ": " + message;
    }

    private static String at(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
