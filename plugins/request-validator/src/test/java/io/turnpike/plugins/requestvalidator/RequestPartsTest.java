package io.turnpike.plugins.requestvalidator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import org.junit.jupiter.api.Test;

/** Query parameters and headers as the objects their schemas describe. */
class RequestPartsTest {

    @Test
    void aParameterGivenOnceIsTextAndOneGivenSeveralTimesAnArrayInOrder() {
        assertEquals("{\"limit\":\"20\",\"tag\":[\"a\",\"b c\"],\"flag\":\"\"}",
                RequestParts.query("limit=20&tag=a&tag=b+c&flag&").toString());
    }

    @Test
    void namesAndValuesArePercentDecoded() {
        assertEquals("{\"q é\":\"x&y\"}", RequestParts.query("q%20%C3%A9=x%26y").toString());
    }

    @Test
    void aQueryThatIsNotPercentEncodingIsABadRequest() {
        ProblemException refused = assertThrows(ProblemException.class, () -> RequestParts.query("status=%ZZ"));

        assertEquals(400, refused.status());
        assertEquals("The query string is not valid percent-encoding.", refused.detail());
    }

    @Test
    void headersAreKeyedByLowerCaseName() {
        assertEquals("{\"x-api-version\":\"2\",\"accept\":[\"a\",\"b\"]}",
                RequestParts.headers(Headers.of("X-Api-Version", "2", "Accept", "a", "accept", "b")).toString());
    }
}
