package io.turnpike.plugins.grpctranscode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Empty;
import io.grpc.Context;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

/** How a stream of messages reads as one JSON array, and how it ends. */
class JsonArrayStreamTest {

    private static final DynamicMessage MESSAGE = DynamicMessage.getDefaultInstance(Empty.getDescriptor());
    private final Context.CancellableContext call = Context.current().withCancellation();
    /** The status codes the stream reported at its end. */
    private final List<Integer> ended = new ArrayList<>();

    private JsonArrayStream stream(DynamicMessage first, Iterator<DynamicMessage> rest) {
        return new JsonArrayStream(first, rest, message -> "{}".getBytes(StandardCharsets.UTF_8), call, ended::add);
    }

    private static String text(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void messagesAreCommaSeparatedInOneArray() throws IOException {
        assertEquals("[{},{},{}]", text(stream(MESSAGE, List.of(MESSAGE, MESSAGE).iterator())));
    }

    @Test
    void theEndOfTheStreamReportsStatusOkOnce() throws IOException {
        JsonArrayStream stream = stream(MESSAGE, List.of(MESSAGE).iterator());

        text(stream);
        stream.read();

        assertEquals(List.of(Status.Code.OK.value()), ended);
    }

    @Test
    void aStreamWithoutMessagesIsAnEmptyArray() throws IOException {
        assertEquals("[]", text(stream(null, Collections.emptyIterator())));
    }

    @Test
    void aStreamTheServiceFailsMidwayFailsToReadAfterWhatCameBefore() throws IOException {
        Iterator<DynamicMessage> failing = new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw Status.INTERNAL.asRuntimeException();
            }

            @Override
            public DynamicMessage next() {
                throw new AssertionError();
            }
        };
        JsonArrayStream stream = stream(MESSAGE, failing);

        assertEquals("[{}", new String(stream.readNBytes(3), StandardCharsets.UTF_8));
        IOException broken = assertThrows(IOException.class, stream::read);
        assertEquals("the service ended the stream with INTERNAL", broken.getMessage());
        assertEquals(List.of(Status.Code.INTERNAL.value()), ended);
    }

    @Test
    void closingBeforeTheEndCancelsTheCall() {
        JsonArrayStream stream = stream(MESSAGE, List.of(MESSAGE).iterator());
        assertFalse(call.isCancelled());

        stream.close();

        assertTrue(call.isCancelled());
    }
}
