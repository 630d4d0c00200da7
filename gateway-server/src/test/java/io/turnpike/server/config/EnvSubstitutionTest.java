package io.turnpike.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code ${NAME}} and {@code ${NAME:default}} in string values, from an environment given as a map. */
class EnvSubstitutionTest {

    private final EnvSubstitution substitution = new EnvSubstitution(Map.of(
            "HOST", "10.0.0.5",
            "PORT", "9001",
            "EMPTY", "",
            "TRICKY", "a: b\n- c"));

    private EnvSubstitution.Result substitute(String yaml) {
        return substitution.substitute(ConfigBinderTest.tree(yaml));
    }

    private String valueOf(String yaml) {
        EnvSubstitution.Result result = substitute(yaml);
        assertEquals(List.of(), result.errors());
        return result.tree().get("v").textValue();
    }

    @Test
    void variableIsReplacedByItsValue() {
        assertEquals("10.0.0.5", valueOf("v: ${HOST}"));
    }

    @Test
    void severalVariablesInOneStringAreAllReplaced() {
        assertEquals("http://10.0.0.5:9001/api", valueOf("v: http://${HOST}:${PORT}/api"));
    }

    @Test
    void defaultIsUsedWhenTheVariableIsUnset() {
        assertEquals("8080", valueOf("v: ${UNSET:8080}"));
    }

    @Test
    void setVariableWinsOverItsDefault() {
        assertEquals("9001", valueOf("v: ${PORT:8080}"));
    }

    @Test
    void defaultMayBeEmpty() {
        assertEquals("", valueOf("v: ${UNSET:}"));
    }

    @Test
    void variableSetToEmptyIsUsedNotItsDefault() {
        assertEquals("", valueOf("v: ${EMPTY:x}"));
    }

    @Test
    void doubleDollarIsALiteral() {
        assertEquals("${HOST} costs $5", valueOf("v: $${HOST} costs $5"));
    }

    @Test
    void valueIsAlwaysOneStringAndCannotInjectStructure() {
        assertEquals("a: b\n- c", valueOf("v: ${TRICKY}"));
    }

    @Test
    void unsetVariableWithoutDefaultIsAnErrorNamingLocationAndVariable() {
        EnvSubstitution.Result result = substitute("""
                upstreams:
                  users:
                    targets:
                      - url: http://${MISSING}:80
                """);

        assertEquals(List.of("upstreams.users.targets[0].url: environment variable MISSING is not set and has no "
                + "default"), result.errors());
    }

    @Test
    void valueInErrorIsLeftAsWrittenAndItsLocationRemembered() {
        EnvSubstitution.Result result = substitute("server: {port: '${MISSING}'}");

        assertEquals("${MISSING}", result.tree().at("/server/port").textValue());
        assertEquals(true, result.explains("server.port: expected an integer, got \"${MISSING}\""));
        assertEquals(false, result.explains("server.port-range: unknown key"));
    }

    @Test
    void unclosedReferenceIsAnError() {
        assertEquals(List.of("v: \"${\" without a closing \"}\"; write \"$${\" for a literal \"${\""),
                substitute("v: ab${HOST").errors());
    }

    @Test
    void referenceThatIsNotAVariableNameIsAnError() {
        assertEquals(List.of("v: \"${1-A}\" does not name a variable (letters, digits and _)"),
                substitute("v: ${1-A}").errors());
    }

    @Test
    void nestedReferenceInADefaultIsAnError() {
        assertEquals(List.of("v: the default of ${A} holds a variable; nesting is not supported"),
                substitute("v: ${A:${B}}").errors());
    }

    @Test
    void keysAreNotSubstituted() {
        JsonNode tree = substitute("headers: {'${HOST}': x}").tree();

        assertEquals("x", tree.get("headers").get("${HOST}").textValue());
    }

    @Test
    void valuesInListsAreSubstituted() {
        JsonNode tree = substitute("methods: [GET, '${PORT}']").tree();

        assertEquals("9001", tree.get("methods").get(1).textValue());
    }

    @Test
    void theParsedTreeIsNotModified() {
        JsonNode original = ConfigBinderTest.tree("v: ${HOST}");

        substitution.substitute(original);

        assertEquals("${HOST}", original.get("v").textValue());
    }
}
