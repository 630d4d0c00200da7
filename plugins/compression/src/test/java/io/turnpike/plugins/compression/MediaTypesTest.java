package io.turnpike.plugins.compression;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MediaTypesTest {

    private final MediaTypes types = new MediaTypes(List.of("application/json", "text/*"));

    @Test
    void anExactTypeMatchesWithAnyParametersAndCase() {
        assertTrue(types.matches("application/json"));
        assertTrue(types.matches("Application/JSON; charset=utf-8"));
        assertFalse(types.matches("application/jsonx"));
        assertFalse(types.matches("application/problem+json"));
    }

    @Test
    void aFamilyMatchesEachOfItsTypes() {
        assertTrue(types.matches("text/html"));
        assertTrue(types.matches("text/event-stream"));
        assertFalse(types.matches("textual/html"));
        assertFalse(types.matches("image/png"));
    }

    @Test
    void everyTypeMatchesStarSlashStar() {
        assertTrue(new MediaTypes(List.of("*/*")).matches("image/png"));
    }

    @Test
    void onlyMediaTypesAreValid() {
        assertTrue(MediaTypes.valid("application/vnd.api+json"));
        assertTrue(MediaTypes.valid("text/*"));
        assertTrue(MediaTypes.valid("*/*"));
        assertFalse(MediaTypes.valid("json"));
        assertFalse(MediaTypes.valid("*/json"));
        assertFalse(MediaTypes.valid("text/html; charset=utf-8"));
        assertFalse(MediaTypes.valid(null));
    }
}
