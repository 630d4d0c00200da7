package io.turnpike.plugins.requestsizelimit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Headers;
import io.turnpike.api.Phase;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import org.junit.jupiter.api.Test;

class RequestSizeLimitFilterTest {

    private final RequestSizeLimitFilter filter = new RequestSizeLimitFilter(10);

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutProceeding() {
        Recording chain = new Recording(post(Body.of(new ByteArrayInputStream(new byte[11]), 11)));

        ProblemException problem = assertThrows(ProblemException.class, () -> filter.handle(null, chain));

        assertEquals(413, problem.status());
        assertEquals("The request body is larger than the 10 bytes this route accepts.", problem.detail());
        assertTrue(chain.passed.isEmpty());
    }

    @Test
    void aDeclaredLengthAtTheLimitIsPassedOnUntouched() {
        Request request = post(Body.of(new byte[10]));
        Recording chain = new Recording(request);

        filter.handle(null, chain);

        assertSame(request, chain.passed.get(0));
    }

    @Test
    void aStreamOfUnknownLengthAtTheLimitReadsWhole() throws Exception {
        Recording chain = new Recording(post(Body.of(new ByteArrayInputStream(new byte[10]), -1)));

        filter.handle(null, chain);

        try (InputStream in = chain.passed.get(0).body().stream()) {
            assertArrayEquals(new byte[10], in.readAllBytes());
        }
    }

    @Test
    void aStreamOfUnknownLengthFailsWithTheProblemOnceItPassesTheLimit() throws Exception {
        Recording chain = new Recording(post(Body.of(new ByteArrayInputStream(new byte[11]), -1)));

        filter.handle(null, chain);

        try (InputStream in = chain.passed.get(0).body().stream()) {
            assertEquals(413, assertThrows(ProblemException.class, in::readAllBytes).status());
        }
    }

    @Test
    void aLaterPluginReadingTheWholeBodyGetsThe413() {
        Recording chain = new Recording(post(Body.of(new ByteArrayInputStream(new byte[50]), -1)));

        filter.handle(null, chain);

        assertEquals(413, assertThrows(ProblemException.class, () -> chain.passed.get(0).body().bytes(1000)).status());
    }

    @Test
    void bytesPastTheLimitAreNeverHandedToTheReader() throws Exception {
        LimitedInputStream in = new LimitedInputStream(new ByteArrayInputStream(
                "0123456789X".getBytes(StandardCharsets.US_ASCII)), 10, () -> new ProblemException(413, "too large"));
        byte[] first = new byte[10];

        assertEquals(10, in.readNBytes(first, 0, 10));
        assertThrows(ProblemException.class, in::read);
    }

    @Test
    void maxBytesIsRequiredAndMayNotBeNegative() {
        RequestSizeLimitPlugin plugin = new RequestSizeLimitPlugin();

        assertEquals(List.of(new ConfigError("max-bytes", "missing; write the most bytes of body the route accepts,"
                + " such as 1048576 for 1 MiB")), plugin.validate(new RequestSizeLimitConfig(null)));
        assertEquals(List.of(new ConfigError("max-bytes", "must be 0 or more, got -1")),
                plugin.validate(new RequestSizeLimitConfig(-1L)));
        assertEquals(List.of(), plugin.validate(new RequestSizeLimitConfig(0L)));
    }

    @Test
    void itRunsInTheTrafficPhaseAsRequestSizeLimit() {
        assertEquals("request-size-limit", new RequestSizeLimitPlugin().name());
        assertEquals(Phase.TRAFFIC, new RequestSizeLimitPlugin().phase());
    }

    @Test
    void theExtensionIndexListsThePlugin() throws Exception {
        boolean listed = false;
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                listed |= new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .anyMatch(RequestSizeLimitPlugin.class.getName()::equals);
            }
        }
        assertTrue(listed, "META-INF/extensions.idx does not list the plugin");
    }

    private static Request post(Body body) {
        return new Request("POST", "/upload", "", Headers.empty(), body);
    }

    private static final class Recording implements Chain {
        private final Request request;
        private final List<Request> passed = new ArrayList<>();

        Recording(Request request) {
            this.request = request;
        }

        @Override
        public Request request() {
            return request;
        }

        @Override
        public Response proceed(Request next) {
            passed.add(next);
            return Response.of(200);
        }
    }
}
