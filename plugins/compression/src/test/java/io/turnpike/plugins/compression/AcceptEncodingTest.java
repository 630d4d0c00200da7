package io.turnpike.plugins.compression;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AcceptEncodingTest {

    private static boolean allows(String... values) {
        return AcceptEncoding.allowsGzip(List.of(values));
    }

    @Test
    void gzipListedAnywhereIsAccepted() {
        assertTrue(allows("gzip"));
        assertTrue(allows("br, gzip, deflate"));
        assertTrue(allows("deflate", "GZip"));
        assertTrue(allows("x-gzip"));
    }

    @Test
    void aWeightAboveZeroAcceptsAndZeroRefuses() {
        assertTrue(allows("gzip;q=0.5"));
        assertTrue(allows("gzip ; q=1.000"));
        assertFalse(allows("gzip;q=0"));
        assertFalse(allows("br, gzip;q=0.000"));
    }

    @Test
    void aStarStandsForGzipUnlessGzipIsNamed() {
        assertTrue(allows("*"));
        assertTrue(allows("br, *;q=0.1"));
        assertFalse(allows("*;q=0"));
        assertFalse(allows("*, gzip;q=0"));
        assertTrue(allows("*;q=0, gzip"));
    }

    @Test
    void noHeaderOrOtherCodingsOnlyRefuse() {
        assertFalse(allows());
        assertFalse(allows(""));
        assertFalse(allows("identity"));
        assertFalse(allows("br, deflate"));
    }

    @Test
    void anInvalidWeightCountsAsZero() {
        assertFalse(allows("gzip;q=high"));
        assertFalse(allows("gzip;q=1.5"));
        assertFalse(allows("gzip;q=0.12345"));
    }
}
