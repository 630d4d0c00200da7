package io.turnpike.plugins.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;

import io.turnpike.api.Headers;
import org.junit.jupiter.api.Test;

/** The small parsers: Cache-Control directives, entity tags, Vary lists, query order, sizes. */
class HeaderRulesTest {

    @Test
    void cacheControlDirectivesIgnoreCaseAndSpacingAndTheFirstWins() {
        CacheControl control = CacheControl.of(List.of("Public ,MAX-AGE=60", "max-age=5, private=\"Set-Cookie, X-A\""));

        assertTrue(control.has("public"));
        assertTrue(control.has("private"));
        assertEquals(OptionalLong.of(60), control.seconds("max-age"));
        assertEquals(OptionalLong.empty(), control.seconds("s-maxage"));
    }

    @Test
    void anInvalidOrHugeDeltaSecondsIsStaleOrCapped() {
        assertEquals(OptionalLong.of(0), CacheControl.of(List.of("max-age=soon")).seconds("max-age"));
        assertEquals(OptionalLong.of(CacheControl.MAX_DELTA_SECONDS),
                CacheControl.of(List.of("max-age=99999999999999")).seconds("max-age"));
    }

    @Test
    void entityTagsMayHoldCommasAndBeWeak() {
        assertEquals(List.of("\"a,b\"", "W/\"c\""), Conditionals.entityTags("\"a,b\", W/\"c\""));
    }

    @Test
    void varyNamesAreLowerCaseSortedAndUnique() {
        assertEquals(List.of("accept-encoding", "accept-language"),
                Keys.varyNames(Headers.of("Vary", "Accept-Language, accept-encoding", "Vary", "ACCEPT-LANGUAGE")));
        assertEquals(List.of("*"), Keys.varyNames(Headers.of("Vary", "Accept, *")));
    }

    @Test
    void anAbsentVaryHeaderDiffersFromAnEmptyOne() {
        assertFalse(Keys.variant(List.of("x-a"), Headers.empty()).equals(Keys.variant(List.of("x-a"), Headers.of("X-A", ""))));
    }

    @Test
    void queryParametersSortByNameAndRepeatedNamesKeepTheirOrder() {
        assertEquals("a=2&a=1&b=0", Keys.sortedQuery("b=0&a=2&a=1"));
    }

    @Test
    void sizesReadBytesAndBinaryUnits() {
        assertEquals(OptionalLong.of(1536), ByteSize.parse("1536"));
        assertEquals(OptionalLong.of(64L << 20), ByteSize.parse("64MiB"));
        assertEquals(OptionalLong.empty(), ByteSize.parse("64 MB"));
        assertEquals(OptionalLong.empty(), ByteSize.parse("-1"));
    }
}
