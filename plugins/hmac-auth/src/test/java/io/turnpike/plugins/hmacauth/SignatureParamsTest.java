package io.turnpike.plugins.hmacauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SignatureParamsTest {

    @Test
    void kongsFormatIsRead() {
        assertEquals(Optional.of(new SignatureParams("alice", "hmac-sha256", List.of("x-date", "@request-target"),
                        "c2lnbmF0dXJl")),
                SignatureParams.parse("hmac username=\"alice\", algorithm=\"hmac-sha256\","
                        + " headers=\"x-date @request-target\", signature=\"c2lnbmF0dXJl\""));
    }

    @Test
    void parametersComeInAnyOrderAndCaseWithTokensOrQuotedStrings() {
        assertEquals(Optional.of(new SignatureParams("alice", "hmac-sha512", List.of("date", "digest"), "abc")),
                SignatureParams.parse("HMAC signature=\"abc\",Algorithm=HMAC-SHA512 ,\tUSERNAME=alice,"
                        + " headers=\"Date  Digest\""));
    }

    @Test
    void aQuotedStringMayEscapeAQuote() {
        assertEquals("al\"ice", SignatureParams.parse("hmac username=\"al\\\"ice\", algorithm=hmac-sha256,"
                + " signature=\"x\"").orElseThrow().username());
    }

    @Test
    void withoutHeadersTheSignatureCoversTheDateAlone() {
        assertEquals(List.of("date"), SignatureParams.parse("hmac username=alice, algorithm=hmac-sha256,"
                + " signature=\"x\"").orElseThrow().headers());
    }

    @Test
    void aMissingUsernameAlgorithmOrSignatureIsMalformed() {
        assertTrue(SignatureParams.parse("hmac algorithm=hmac-sha256, signature=\"x\"").isEmpty());
        assertTrue(SignatureParams.parse("hmac username=alice, signature=\"x\"").isEmpty());
        assertTrue(SignatureParams.parse("hmac username=alice, algorithm=hmac-sha256").isEmpty());
    }

    @Test
    void aRepeatedParameterIsMalformed() {
        assertTrue(SignatureParams.parse("hmac username=alice, username=bob, algorithm=hmac-sha256,"
                + " signature=\"x\"").isEmpty());
    }

    @Test
    void aRepeatedSignedHeaderIsMalformed() {
        assertTrue(SignatureParams.parse("hmac username=alice, algorithm=hmac-sha256, headers=\"date date\","
                + " signature=\"x\"").isEmpty());
    }

    @Test
    void anUnterminatedQuoteOrAMissingCommaIsMalformed() {
        assertTrue(SignatureParams.parse("hmac username=\"alice, algorithm=hmac-sha256, signature=\"x\"").isEmpty());
        assertTrue(SignatureParams.parse("hmac username=alice algorithm=hmac-sha256 signature=\"x\"").isEmpty());
    }

    @Test
    void onlyTheHmacSchemeFollowedByASpaceIsOfThisKind() {
        assertTrue(SignatureParams.isHmac("HMAC username=alice"));
        assertFalse(SignatureParams.isHmac("hmacfoo username=alice"));
        assertFalse(SignatureParams.isHmac("Basic YWxpY2U6cw=="));
        assertFalse(SignatureParams.isHmac("hmac"));
    }
}
