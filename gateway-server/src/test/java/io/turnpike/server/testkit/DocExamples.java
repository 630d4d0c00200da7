package io.turnpike.server.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The config examples in the docs, so that tests run exactly what a reader copies.
 */
public final class DocExamples {

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    private DocExamples() {
    }

    /**
     * The first {@code ```yaml} block of a docs page.
     *
     * @param page the page, relative to the docs folder, such as {@code plugins/request-transformer.md}
     * @return the block's text
     */
    public static String firstYamlBlock(String page) {
        return yamlBlockContaining(page, "");
    }

    /**
     * The first {@code ```yaml} block of a docs page that holds some text, for pages with several examples.
     *
     * @param page the page, relative to the docs folder, such as {@code configuration.md}
     * @param text what the block holds, such as {@code ca-file:}
     * @return the block's text
     */
    public static String yamlBlockContaining(String page, String text) {
        String docs = System.getProperty("turnpike.test.docs", "../docs");
        Path file = Path.of(docs).resolve(page);
        try {
            Matcher matcher = YAML_BLOCK.matcher(Files.readString(file));
            while (matcher.find()) {
                if (matcher.group(1).contains(text)) {
                    return matcher.group(1);
                }
            }
            throw new IllegalStateException(file + " has no ```yaml block holding \"" + text + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
