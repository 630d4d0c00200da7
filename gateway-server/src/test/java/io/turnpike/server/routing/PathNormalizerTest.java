package io.turnpike.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathNormalizerTest {

    private static String normal(String raw) {
        return PathNormalizer.normalize(raw).path();
    }

    private static boolean flagged(String raw) {
        return PathNormalizer.normalize(raw).hasEncodedSeparator();
    }

    @Test
    void canonicalPathIsReturnedAsTheSameInstance() {
        String raw = "/api/v1/items/42;v=1/~me/%2F%C3%A9";
        assertSame(raw, normal(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "api", "*", "http://example.com/a", "%2Fa"})
    void pathNotStartingWithSlashIsRefused(String raw) {
        assertThrows(InvalidPathException.class, () -> PathNormalizer.normalize(raw));
    }

    @ParameterizedTest
    @CsvSource({
            "/%41%62%30, /Ab0",
            "/%2d%2E%5f%7E, /-._~",
            "/%7euser, /~user",
    })
    void escapesOfUnreservedCharactersAreDecoded(String raw, String expected) {
        assertEquals(expected, normal(raw));
    }

    @ParameterizedTest
    @CsvSource({
            "/a%2fb, /a%2Fb",
            "/a%3ab, /a%3Ab",
            "/%c3%a9, /%C3%A9",
            "/a%20b, /a%20b",
            "/a%25, /a%25",
    })
    void otherEscapesAreKeptWithUpperCaseHex(String raw, String expected) {
        assertEquals(expected, normal(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%", "/a%", "/%4", "/a%4/b", "/%zz", "/%g0", "/%0g", "/%%41", "/%u002e%u002e"})
    void malformedEscapeIsRefused(String raw) {
        assertThrows(InvalidPathException.class, () -> PathNormalizer.normalize(raw));
    }

    @ParameterizedTest
    @CsvSource({
            "/a/%2e%2e/b, /b",
            "/a/%2E%2E/b, /b",
            "/a/.%2e/b, /b",
            "/a/%2e/b, /a/b",
            "/public/%2e%2e/admin, /admin",
            "/public/%2e%2e%2fadmin, /public/..%2Fadmin",
    })
    void decodingHappensBeforeDotSegmentRemoval(String raw, String expected) {
        assertEquals(expected, normal(raw));
    }

    @ParameterizedTest
    @CsvSource({
            "//a///b, /a/b",
            "//, /",
            "///a//, /a/",
            "/a//../b, /b",
    })
    void repeatedSlashesAreMerged(String raw, String expected) {
        assertEquals(expected, normal(raw));
    }

    @ParameterizedTest
    @CsvSource({
            "/a/./b/../c, /a/c",
            "/../a, /a",
            "/../../../etc/passwd, /etc/passwd",
            "/a/b/../../../.., /",
            "/., /",
            "/.., /",
            "/a/.., /",
            "/a/b/.., /a/",
            "/a/b/., /a/b/",
            "/a/b/, /a/b/",
            "/a/.../b, /a/.../b",
            "/a/.b/c., /a/.b/c.",
    })
    void dotSegmentsAreRemovedNeverAboveTheRoot(String raw, String expected) {
        assertEquals(expected, normal(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%2Fb", "/a%2fb", "/a%5Cb", "/a%5cb", "/a%00b", "/a\\b"})
    void encodedSeparatorIsFlagged(String raw) {
        assertTrue(flagged(raw));
    }

    @Test
    void pathWithoutEncodedSeparatorIsNotFlagged() {
        assertFalse(flagged("/a/%2e%2e/b%20c/%25%32%46"));
    }

    @Test
    void rawBackslashIsEncodedNotTreatedAsSeparator() {
        assertEquals("/a/..%5Cadmin", normal("/a/..\\admin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\u0000b", "/a\rb", "/a\nb", "/a\tb", "/a\u007fb", "/a\u001bb", "/\r\nHost: evil"})
    void rawControlCharacterIsRefused(String raw) {
        assertThrows(InvalidPathException.class, () -> PathNormalizer.normalize(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "/a b => /a%20b",
            "/a\"b => /a%22b",
            "/<script> => /%3Cscript%3E",
            "/a`b => /a%60b",
            "/{x} => /%7Bx%7D",
            "/a|b => /a%7Cb",
            "/a^b => /a%5Eb",
            "/a#b => /a%23b",
            "/a?b => /a%3Fb",
            "/[::1] => /%5B::1%5D",
    })
    void charactersNotAllowedRawAreEncoded(String raw, String expected) {
        assertEquals(expected, normal(raw));
    }

    @ParameterizedTest
    @CsvSource({
            "/caf\u00e9, /caf%C3%A9",
            "/\u20ac, /%E2%82%AC",
            "/\ud83d\ude00, /%F0%9F%98%80",
    })
    void nonAsciiIsEncodedAsUtf8(String raw, String expected) {
        assertEquals(expected, normal(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\ud83d", "/a\ude00b", "/\ud83d\ud83d"})
    void loneSurrogateIsRefused(String raw) {
        assertThrows(InvalidPathException.class, () -> PathNormalizer.normalize(raw));
    }

    @Test
    void encodedSlashAfterDotsIsNotASegmentBoundary() {
        NormalizedPath path = PathNormalizer.normalize("/public/..%2fadmin");
        assertEquals(new NormalizedPath("/public/..%2Fadmin", true), path);
    }

    @Test
    void matrixParameterIsDataSoDotDotSemicolonIsNotADotSegment() {
        assertEquals("/api/v1/..;/admin", normal("/api/v1/..;/admin"));
    }

    @ParameterizedTest
    @CsvSource({
            "/%252e%252e/admin, /%252e%252e/admin",
            "/%252E, /%252E",
            "/%25%32%65, /%252e",
    })
    void doubleEncodingIsDecodedOnlyOnce(String raw, String expected) {
        assertEquals(expected, normal(raw));
    }

    @ParameterizedTest
    @CsvSource({
            "/%c0%ae%c0%ae/admin, /%C0%AE%C0%AE/admin",
            "/%e0%80%ae, /%E0%80%AE",
    })
    void overlongUtf8IsKeptEncodedNeverReadAsDots(String raw, String expected) {
        assertEquals(expected, normal(raw));
    }

    @Test
    void encodedNulIsFlaggedAndKept() {
        assertEquals(new NormalizedPath("/a%00.txt", true), PathNormalizer.normalize("/a%00.txt"));
    }

    @Test
    void normalizingTwiceChangesNothing() {
        String[] attacks = {"/a/%2e%2e/b//c/./d\\e f/%c3%a9/..", "//..//%2E/x/%7e%2f/", "/a b/\u00e9/../%41"};
        for (String raw : attacks) {
            String once = normal(raw);
            assertSame(once, normal(once), raw);
        }
    }

    @Test
    void errorMessageDoesNotEchoThePath() {
        InvalidPathException error = assertThrows(InvalidPathException.class,
                () -> PathNormalizer.normalize("/<script>\n"));
        assertFalse(error.getMessage().contains("script"));
    }

    @Test
    void canonicalSegmentDecodesUnreservedAndEncodesTheRest() {
        assertEquals("~a%7Bb%C3%A9", PathNormalizer.canonicalSegment("%7ea{b\u00e9"));
    }
}
