package io.turnpike.plugins.xmljson;

import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Counter;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * Translates a request body of the configured format on its way to the upstream, and an answer body of the
 * configured format on its way back. Other bodies, and bodiless messages, pass unchanged; a translated body is
 * read whole, up to its bound.
 */
final class XmlJsonFilter implements Filter {

    private final Translation request;
    private final Translation response;
    private final String root;
    private final int maxBodyBytes;
    private final Translator translator;
    private final Counter translated;
    private final Counter failures;

    /**
     * @param request      the request's translation, or null
     * @param response     the answer's translation, or null
     * @param root         the root element of XML written
     * @param maxBodyBytes the largest body read
     * @param translator   translates
     * @param translated   counts the bodies translated
     * @param failures     counts the requests answered 400 or 502 because a body could not be translated
     */
    XmlJsonFilter(Translation request, Translation response, String root, int maxBodyBytes, Translator translator,
                  Counter translated, Counter failures) {
        this.request = request;
        this.response = response;
        this.root = root;
        this.maxBodyBytes = maxBodyBytes;
        this.translator = translator;
        this.translated = translated;
        this.failures = failures;
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Request outgoing = chain.request();
        if (response != null) {
            // an answer to translate must come as plain bytes: compressed, it could only be passed on untranslated
            outgoing = outgoing.withHeaders(outgoing.headers().without("Accept-Encoding"));
        }
        if (request != null && request.from().names(outgoing.headers()) && outgoing.body().length() != 0) {
            outgoing = translated(outgoing);
        }
        Response answer = chain.proceed(outgoing);
        if (response == null || !response.from().names(answer.headers()) || answer.body().length() == 0
                || "HEAD".equals(outgoing.method())) {
            return answer;
        }
        return translated(answer);
    }

    private Request translated(Request original) {
        byte[] body = original.body().bytes(maxBodyBytes);
        if (body.length == 0) {
            return original;
        }
        byte[] translation;
        try {
            translation = translate(request, body);
        } catch (Translator.Unreadable unreadable) {
            failures.increment();
            throw new ProblemException(400, "The request body is " + unreadable.getMessage() + ".");
        }
        translated.increment();
        return original.withHeaders(retyped(original.headers(), request, translation.length))
                .withBody(Body.of(translation));
    }

    private Response translated(Response original) {
        if (original.headers().first("Content-Encoding").filter(coding -> !coding.equalsIgnoreCase("identity"))
                .isPresent()) {
            failures.increment();
            throw new ProblemException(502, "The upstream's answer came compressed, which the gateway cannot"
                    + " translate.");
        }
        byte[] body;
        try {
            body = original.body().bytes(maxBodyBytes);
        } catch (ProblemException tooLarge) {
            failures.increment();
            throw new ProblemException(502, "The upstream's answer is larger than the " + maxBodyBytes
                    + " bytes this route translates.");
        }
        byte[] translation;
        try {
            translation = translate(response, body);
        } catch (Translator.Unreadable unreadable) {
            failures.increment();
            throw new ProblemException(502, "The upstream's answer is " + unreadable.getMessage() + ".");
        }
        translated.increment();
        // a validator of the upstream's bytes does not describe these
        Headers headers = retyped(original.headers(), response, translation.length).toBuilder()
                .remove("ETag").remove("Content-MD5").build();
        return new Response(original.status(), headers, Body.of(translation));
    }

    private byte[] translate(Translation translation, byte[] body) throws Translator.Unreadable {
        return translation.to() == Format.XML ? translator.jsonToXml(body, root) : translator.xmlToJson(body);
    }

    private static Headers retyped(Headers headers, Translation translation, int length) {
        return headers.toBuilder()
                .set("Content-Type", translation.to().contentType())
                .set("Content-Length", Integer.toString(length))
                .build();
    }
}
