package io.turnpike.plugins.grpcweb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class WebFormatTest {

    @Test
    void theBinaryFormsBecomeGrpcsOwnContentType() {
        assertEquals(Optional.of(new WebFormat(false, "")), WebFormat.of("application/grpc-web"));
        assertEquals("application/grpc", WebFormat.of("application/grpc-web").orElseThrow().grpcContentType());
        assertEquals("application/grpc+proto",
                WebFormat.of("application/grpc-web+proto").orElseThrow().grpcContentType());
    }

    @Test
    void theTextFormsAreTold() {
        assertEquals(Optional.of(new WebFormat(true, "proto")), WebFormat.of("application/grpc-web-text+proto"));
        assertEquals(Optional.of(new WebFormat(true, "")), WebFormat.of("application/grpc-web-text"));
    }

    @Test
    void caseAndParametersDoNotMatter() {
        assertEquals(Optional.of(new WebFormat(false, "json")),
                WebFormat.of("Application/GRPC-Web+JSON; charset=utf-8"));
    }

    @Test
    void theAnswerTakesTheFormOfTheRequestAndNamesItsMessages() {
        assertEquals("application/grpc-web+proto", WebFormat.of("application/grpc-web").orElseThrow().webContentType());
        assertEquals("application/grpc-web-text+json",
                WebFormat.of("application/grpc-web-text+json").orElseThrow().webContentType());
    }

    @Test
    void otherTypesAreNoGrpcWeb() {
        assertEquals(Optional.empty(), WebFormat.of("application/grpc"));
        assertEquals(Optional.empty(), WebFormat.of("application/json"));
        assertEquals(Optional.empty(), WebFormat.of("application/grpc-webby"));
        assertEquals(Optional.empty(), WebFormat.of("application/grpc-web+"));
    }
}
