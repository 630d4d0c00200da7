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
        return blockContaining(page, "yaml", text);
    }

    /**
     * The first fenced block of a language on a docs page that holds some text: an example document, an answer.
     *
     * @param page     the page, relative to the docs folder, such as {@code plugins/xml-json.md}
     * @param language the block's language, as written after its opening fence, such as {@code json}
     * @param text     what the block holds
     * @return the block's text
     */
    public static String blockContaining(String page, String language, String text) {
        String docs = System.getProperty("turnpike.test.docs", "../docs");
        Path file = Path.of(docs).resolve(page);
        Pattern block = Pattern.compile("```" + Pattern.quote(language) + "\\n(.*?)```", Pattern.DOTALL);
        try {
            Matcher matcher = block.matcher(Files.readString(file));
            while (matcher.find()) {
                if (matcher.group(1).contains(text)) {
                    return matcher.group(1);
                }
            }
            throw new IllegalStateException(file + " has no ```" + language + " block holding \"" + text + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
