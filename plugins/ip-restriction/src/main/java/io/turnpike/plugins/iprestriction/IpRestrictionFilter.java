package io.turnpike.plugins.iprestriction;

import java.net.InetAddress;
import java.util.List;

import io.turnpike.api.Chain;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.IpRange;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Response;

/** Deny first, then allow: a deny entry carves exceptions out of a wider allow range. */
final class IpRestrictionFilter implements Filter {

    private final List<IpRange> allow;
    private final List<IpRange> deny;

    IpRestrictionFilter(List<IpRange> allow, List<IpRange> deny) {
        this.allow = allow;
        this.deny = deny;
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        InetAddress client = exchange.clientAddress();
        if (anyContains(deny, client) || (!allow.isEmpty() && !anyContains(allow, client))) {
            // the address is not echoed: the client knows it, and it may not be the one the client thinks
            throw new ProblemException(403, "Requests from this address are not allowed on this route.");
        }
        return chain.proceed();
    }

    private static boolean anyContains(List<IpRange> ranges, InetAddress address) {
        for (IpRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
