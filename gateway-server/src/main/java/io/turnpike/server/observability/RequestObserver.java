package io.turnpike.server.observability;

/** What happens to each request once answered: the access log, the metrics. Must not block. */
@FunctionalInterface
public interface RequestObserver {

    /** Observes nothing. */
    RequestObserver NONE = request -> { };

    /** @param request the request, answered */
    void requestEnded(CompletedRequest request);

    /**
     * @param next the observer to run after this one
     * @return one observer that runs both
     */
    default RequestObserver andThen(RequestObserver next) {
        return request -> {
            requestEnded(request);
            next.requestEnded(request);
        };
    }
}
