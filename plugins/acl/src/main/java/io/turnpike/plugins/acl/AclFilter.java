package io.turnpike.plugins.acl;

import java.util.Set;

import io.turnpike.api.Chain;
import io.turnpike.api.Consumer;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Response;

/** Judges the consumer the route's authentication set; a request without one is refused, never waved through. */
final class AclFilter implements Filter {

    static final String REFUSED = "You are not allowed to use this route.";

    private final boolean allowList;
    private final Set<String> groups;
    private final Set<String> consumers;

    AclFilter(AclConfig config) {
        this.allowList = config.allows();
        this.groups = Set.copyOf(allowList ? config.allowGroups() : config.denyGroups());
        this.consumers = Set.copyOf(allowList ? config.allowConsumers() : config.denyConsumers());
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Consumer consumer = exchange.consumer().orElse(null);
        if (consumer == null || listed(consumer) != allowList) {
            throw new ProblemException(403, REFUSED);
        }
        return chain.proceed();
    }

    private boolean listed(Consumer consumer) {
        return consumers.contains(consumer.name()) || consumer.groups().stream().anyMatch(groups::contains);
    }
}
