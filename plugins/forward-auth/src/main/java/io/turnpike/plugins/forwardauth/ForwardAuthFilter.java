package io.turnpike.plugins.forwardauth;

import java.util.List;
import java.util.Locale;

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
 * Puts each request to the authorization service before passing it on. Its 2xx lets the request through with
 * the {@code upstream-headers} of its answer; its 3xx or 4xx goes back to the client as it gave it; its failure
 * is the gateway's 502, 503 or 504. The request's body is not read: it streams to the upstream once allowed.
 */
final class ForwardAuthFilter implements Filter {

    private static final String CONTENT_TYPE = "Content-Type";

    private final AuthService service;
    private final FailureLog failures;
    private final Fields fields;
    private final Counter refusals;
    private final Counter serviceFailures;

    /**
     * Which header fields go where.
     *
     * @param request  the client's fields sent to the service, or null for all
     * @param upstream the fields of an allowing answer copied to the upstream request
     * @param client   the fields of a refusal passed to the client, or null for all
     * @param response the fields of an allowing answer added to the client's answer
     */
    record Fields(List<String> request, List<String> upstream, List<String> client, List<String> response) {
    }

    /**
     * @param refusals        counts the requests the service refused
     * @param serviceFailures counts the requests answered for the service's failure
     */
    ForwardAuthFilter(AuthService service, FailureLog failures, Fields fields, Counter refusals,
                      Counter serviceFailures) {
        this.service = service;
        this.failures = failures;
        this.fields = fields;
        this.refusals = refusals;
        this.serviceFailures = serviceFailures;
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Request request = chain.request();
        return switch (service.ask(question(request, exchange))) {
            case Verdict.Allowed allowed -> withServiceFields(chain.proceed(request.withHeaders(
                    forUpstream(request.headers(), allowed.headers()))), allowed.headers());
            case Verdict.Refused refused -> {
                refusals.increment();
                yield new Response(refused.status(), forClient(refused.headers(), refused.body().length > 0),
                        Body.of(refused.body()));
            }
            case Verdict.Failed failed -> {
                serviceFailures.increment();
                failures.failed(failed);
                throw new ProblemException(failed.status(), failed.detail());
            }
        };
    }

    /**
     * The client's fields, and what the service needs to know of the request beyond them, under the names
     * Traefik's ForwardAuth made common: the service can rebuild the URL the client asked for. The gateway's
     * own values replace any the client sent under these names.
     */
    private Headers question(Request request, Exchange exchange) {
        Headers.Builder question = Headers.builder();
        if (fields.request() == null) {
            request.headers().forEach((name, value) -> {
                if (!AuthService.CONNECTION_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
                    question.add(name, value);
                }
            });
        } else {
            for (String name : fields.request()) {
                request.headers().all(name).forEach(value -> question.add(name, value));
            }
        }
        question.set("X-Forwarded-Method", request.method());
        question.set("X-Forwarded-Proto", exchange.scheme());
        if (exchange.authority().isEmpty()) {
            question.remove("X-Forwarded-Host");
        } else {
            question.set("X-Forwarded-Host", exchange.authority());
        }
        question.set("X-Forwarded-Uri", request.query().isEmpty() ? request.path()
                : request.path() + "?" + request.query());
        question.set("X-Forwarded-For", exchange.clientAddress().getHostAddress());
        question.set("X-Request-Id", exchange.requestId());
        return question.build();
    }

    /** The client's copies of the upstream headers go whether or not the service sent its own. */
    private Headers forUpstream(Headers client, Headers answer) {
        Headers.Builder upstream = client.toBuilder();
        for (String name : fields.upstream()) {
            upstream.remove(name);
            answer.all(name).forEach(value -> upstream.add(name, value));
        }
        return upstream.build();
    }

    /** The {@code response-headers} of an allowing answer, added to what the upstream answered. */
    private Response withServiceFields(Response response, Headers answer) {
        if (fields.response().isEmpty()) {
            return response;
        }
        Headers.Builder headers = response.headers().toBuilder();
        for (String name : fields.response()) {
            answer.all(name).forEach(value -> headers.add(name, value));
        }
        return response.withHeaders(headers.build());
    }

    /** With a body, its {@code Content-Type} goes too, listed or not: a body without it is a guess. */
    private Headers forClient(Headers answer, boolean hasBody) {
        if (fields.client() == null) {
            return answer;
        }
        Headers.Builder client = Headers.builder();
        boolean typed = false;
        for (String name : fields.client()) {
            answer.all(name).forEach(value -> client.add(name, value));
            typed |= name.equalsIgnoreCase(CONTENT_TYPE);
        }
        if (hasBody && !typed) {
            answer.all(CONTENT_TYPE).forEach(value -> client.add(CONTENT_TYPE, value));
        }
        return client.build();
    }

    /** Gives up the calls in flight, as the route's old config goes. */
    @Override
    public void close() {
        service.close();
    }
}
