package io.turnpike.plugins.transformer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Response;

/**
 * Rewrites the answer's JSON body, then its headers, on its way back to the client. A body is read only when
 * JSON operations are configured and the answer is JSON, uncompressed and at most {@code max-body-size};
 * every other body streams untouched. Holds only the validated config, so one instance serves every request
 * on the route.
 */
final class ResponseTransformerFilter implements Filter {

    private final ObjectMapper json = new ObjectMapper();
    private final HeaderEdits headerEdits;
    private final JsonEdits jsonEdits;
    private final int maxBodySize;

    ResponseTransformerFilter(ResponseTransformerConfig config) {
        this.headerEdits = config.headerEdits();
        this.jsonEdits = config.jsonEdits();
        this.maxBodySize = config.maxBodySize();
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Response response = chain.proceed();
        if (!jsonEdits.isEmpty() && !chain.request().method().equals("HEAD") && editable(response)) {
            response = editJson(response);
        }
        if (!headerEdits.isEmpty()) {
            Headers headers = headerEdits.apply(response.headers());
            if (headers != response.headers()) {
                response = response.withHeaders(headers);
            }
        }
        return response;
    }

    /** JSON, not compressed, and not known to be too large. */
    private boolean editable(Response response) {
        String encoding = response.headers().first("Content-Encoding").orElse("identity").strip();
        return JsonEdits.describeJson(response.headers())
                && encoding.equalsIgnoreCase("identity")
                && response.body().length() != 0 && response.body().length() <= maxBodySize;
    }

    private Response editJson(Response response) {
        long length = response.body().length();
        InputStream in = response.body().stream();
        byte[] read;
        try {
            read = in.readNBytes(maxBodySize + 1);
        } catch (IOException e) {
            close(in);
            throw new ProblemException(502, "The upstream's answer broke off.");
        }
        if (read.length > maxBodySize) {
            // a body of unknown length that is too large: what was read goes out first, then the rest, untouched
            return response.withBody(Body.of(new SequenceInputStream(new ByteArrayInputStream(read), in), length));
        }
        close(in);
        JsonNode root;
        try {
            root = json.readTree(read);
        } catch (IOException e) {     // not JSON after all: passed on as it came
            return response.withBody(Body.of(read));
        }
        if (root == null || !jsonEdits.apply(root)) {
            return response.withBody(Body.of(read));
        }
        byte[] edited;
        try {
            edited = json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree could not be written", e);
        }
        // the validator of the upstream's body no longer describes this one
        Headers headers = response.headers().toBuilder()
                .set("Content-Length", Integer.toString(edited.length))
                .remove("ETag")
                .build();
        return new Response(response.status(), headers, Body.of(edited));
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the body was read as far as it is needed
        }
    }
}
