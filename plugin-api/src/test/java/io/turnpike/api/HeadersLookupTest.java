package io.turnpike.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class HeadersLookupTest {

    private final Headers headers = Headers.of(
            "Accept", "text/html",
            "X-Forwarded-For", "192.0.2.1",
            "accept", "application/json",
            "Cookie", "a=1",
            "X-FORWARDED-FOR", "198.51.100.2",
            "ACCEPT", "*/*");

    @Test
    void namesAreDistinctWithoutRegardToCaseInTheCaseAndOrderOfTheirFirstAppearance() {
        assertEquals(List.of("Accept", "X-Forwarded-For", "Cookie"), List.copyOf(headers.names()));
    }

    @Test
    void namesOfNoHeadersAreEmpty() {
        assertEquals(List.of(), List.copyOf(Headers.empty().names()));
    }

    @Test
    void allGivesEveryValueOfANameInAnyCaseInOrder() {
        assertEquals(List.of("text/html", "application/json", "*/*"), headers.all("ACCEPT"));
        assertEquals(List.of("192.0.2.1", "198.51.100.2"), headers.all("x-forwarded-for"));
    }

    @Test
    void allOfAnAbsentNameIsEmpty() {
        assertEquals(List.of(), headers.all("Forwarded"));
    }

    @Test
    void allIsImmutableWhetherTheNameIsPresentOrNot() {
        assertThrows(UnsupportedOperationException.class, () -> headers.all("Cookie").add("b=2"));
        assertThrows(UnsupportedOperationException.class, () -> headers.all("Forwarded").add("for=x"));
    }
}
