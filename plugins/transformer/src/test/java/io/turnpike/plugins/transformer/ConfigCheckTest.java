package io.turnpike.plugins.transformer;

import static io.turnpike.plugins.transformer.Fixtures.bindingErrors;
import static io.turnpike.plugins.transformer.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import io.turnpike.api.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Load-time validation: each problem with its exact key and message. */
class ConfigCheckTest {

    private static final String NOT_A_TOKEN =
            "not a valid header name: only letters, digits and !#$%&'*+-.^_`|~ may appear in one";
    private static final String HOP_BY_HOP =
            "is a hop-by-hop header: it describes one connection, and the gateway writes its own for each hop";

    @Test
    void anEmptyConfigIsValid() {
        assertEquals(List.of(), validate("{}"));
    }

    @Test
    void aRouteWithoutAConfigBlockIsValid() {
        assertEquals(List.of(), new RequestTransformerPlugin().validate(RequestTransformerConfig.EMPTY));
    }

    @Test
    void aConfigUsingEveryOperationCorrectlyIsValid() {
        assertEquals(List.of(), validate("""
                remove-headers: [X-Debug]
                rename-headers: {X-Old: X-New}
                replace-headers: {X-New: normalised}
                add-headers: {X-Gateway: turnpike}
                append-headers: {X-Tags: "edge\\tcanary"}
                set-headers: {X-Env: production}
                remove-query-params: [debug]
                add-query-params: {source: gateway}
                """));
    }

    @Test
    void aMapKeyThatIsNotATokenIsRefused() {
        assertEquals(List.of(new ConfigError("add-headers.Bad Name", "is " + NOT_A_TOKEN)),
                validate("add-headers: {Bad Name: x}"));
    }

    @Test
    void aListItemThatIsNotATokenIsRefusedAndQuotedByItsIndex() {
        assertEquals(List.of(new ConfigError("remove-headers[1]", "\"X:Forged\" is " + NOT_A_TOKEN)),
                validate("remove-headers: [X-Debug, \"X:Forged\"]"));
    }

    @Test
    void anEmptyHeaderNameIsRefused() {
        assertEquals(List.of(new ConfigError("remove-headers[0]",
                        "is empty, and a header name needs at least one character")),
                validate("remove-headers: [\"\"]"));
    }

    @Test
    void aNullHeaderNameIsRefusedWhenTheConfigIsLoaded() {
        assertEquals(List.of("config.remove-headers[0]: empty list item"), bindingErrors("remove-headers: [~]"));
    }

    @Test
    void aRenameToAnInvalidNameIsReportedUnderTheOldName() {
        assertEquals(List.of(new ConfigError("rename-headers.X-Old", "renames to \"X New\", which is " + NOT_A_TOKEN)),
                validate("rename-headers: {X-Old: X New}"));
    }

    @Test
    void aRenameWithoutANewNameIsRefusedWhenTheConfigIsLoaded() {
        assertEquals(List.of("config.rename-headers.X-Old: expected a value, got nothing"), bindingErrors("""
                rename-headers:
                  X-Old:
                """));
    }

    @Test
    void aQuotedNameShowsControlCharactersEscapedSoTheLogLineStaysWhole() {
        assertEquals(List.of(new ConfigError("remove-headers[0]", "\"X-A\\u000aX-B\" is " + NOT_A_TOKEN)),
                validate("remove-headers: [\"X-A\\nX-B\"]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\r", "\\n", "\\0", "\\x01", "\\x7f"})
    void aValueWithAControlCharacterIsRefused(String escape) {
        assertEquals(List.of(new ConfigError("set-headers.X-Forged",
                        "has CR, LF, NUL or another control character in its value, which could split the header")),
                validate("set-headers: {X-Forged: \"a" + escape + "Injected: 1\"}"));
    }

    @Test
    void aRefusedValueIsNeverRepeatedInTheMessage() {
        List<ConfigError> errors = validate("set-headers: {Authorization: \"Bearer s3cr3t\\n\"}");

        assertEquals(1, errors.size());
        assertFalse(errors.get(0).message().contains("s3cr3t"), errors.get(0).message());
    }

    @Test
    void aKeyWithoutAValueIsRefusedWhenTheConfigIsLoaded() {
        assertEquals(List.of("config.add-headers.X-Gateway: expected a value, got nothing"), bindingErrors("""
                add-headers:
                  X-Gateway:
                """));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Connection", "keep-alive", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
            "Proxy-Authorization", "proxy-connection"})
    void hopByHopHeadersAreRefused(String name) {
        assertEquals(List.of(new ConfigError("set-headers." + name, HOP_BY_HOP)),
                validate("set-headers: {" + name + ": x}"));
    }

    @Test
    void hostIsRefusedBecauseTheGatewayChoosesIt() {
        assertEquals(List.of(new ConfigError("set-headers.Host",
                        "is managed by the gateway, which sends the target's host, or the client's with"
                                + " preserve-host: true")),
                validate("set-headers: {Host: example.com}"));
    }

    @Test
    void contentLengthIsRefusedBecauseTheGatewayDerivesItFromTheBody() {
        assertEquals(List.of(new ConfigError("remove-headers[0]",
                        "\"content-length\" is managed by the gateway, which derives it from the body; a wrong one"
                                + " would corrupt the message framing")),
                validate("remove-headers: [content-length]"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "remove-headers: [Host]                | remove-headers[0]     | \"Host\" is",
            "rename-headers: {Host: X-Host}        | rename-headers.Host   | is",
            "rename-headers: {X-Host: Host}        | rename-headers.X-Host | renames to \"Host\", which is",
            "replace-headers: {Host: example.com}  | replace-headers.Host  | is",
            "add-headers: {Host: example.com}      | add-headers.Host      | is",
            "append-headers: {Host: example.com}   | append-headers.Host   | is",
            "set-headers: {Host: example.com}      | set-headers.Host      | is"})
    void protectedHeadersAreRefusedByEveryOperation(String yaml, String key, String subject) {
        assertEquals(List.of(new ConfigError(key, subject + " managed by the gateway, which sends the target's host,"
                        + " or the client's with preserve-host: true")),
                validate(yaml));
    }

    @Test
    void twoSpellingsOfOneHeaderInOneOperationAreRefused() {
        assertEquals(List.of(new ConfigError("add-headers.x-gateway",
                        "names the same header as X-Gateway; header names ignore case")),
                validate("add-headers: {X-Gateway: a, x-gateway: b}"));
    }

    @Test
    void twoRenamesOfOneHeaderAreRefused() {
        assertEquals(List.of(new ConfigError("rename-headers.X-OLD",
                        "names the same header as X-Old; header names ignore case")),
                validate("rename-headers: {X-Old: X-A, X-OLD: X-B}"));
    }

    @Test
    void aHeaderInTwoValueOperationsIsRefusedWhereItAppearsSecond() {
        assertEquals(List.of(new ConfigError("set-headers.x-env", "is also in add-headers; a header may appear in"
                        + " only one of replace-headers, add-headers, append-headers and set-headers")),
                validate("""
                        add-headers: {X-Env: dev}
                        set-headers: {x-env: production}
                        """));
    }

    @Test
    void renamingARemovedHeaderIsRefusedBecauseItCouldNeverHappen() {
        assertEquals(List.of(new ConfigError("rename-headers.x-old",
                        "is also in remove-headers, which runs first, so there would be nothing to rename")),
                validate("""
                        remove-headers: [X-Old]
                        rename-headers: {x-old: X-New}
                        """));
    }

    @Test
    void anEmptyQueryParamNameToRemoveIsRefused() {
        assertEquals(List.of(new ConfigError("remove-query-params[1]",
                        "is empty, and a parameter name needs at least one character")),
                validate("remove-query-params: [debug, \"\"]"));
    }

    @Test
    void anEmptyQueryParamNameToAddIsRefused() {
        assertEquals(List.of(new ConfigError("add-query-params", "has a parameter with an empty name")),
                validate("add-query-params: {\"\": x}"));
    }

    @Test
    void aQueryParamWithoutAValueIsRefusedWhenTheConfigIsLoaded() {
        assertEquals(List.of("config.add-query-params.source: expected a value, got nothing"), bindingErrors("""
                add-query-params:
                  source:
                """));
    }

    @Test
    void everyProblemIsReportedAtOnceInTheOrderOfTheOperations() {
        List<String> keys = validate("""
                add-query-params: {"": x}
                set-headers: {Host: h}
                remove-headers: [Connection]
                """).stream().map(ConfigError::key).toList();

        assertEquals(List.of("remove-headers[0]", "set-headers.Host", "add-query-params"), keys);
    }
}
