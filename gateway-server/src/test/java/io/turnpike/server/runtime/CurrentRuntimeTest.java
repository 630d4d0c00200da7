package io.turnpike.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.turnpike.server.config.GatewayConfig;
import io.turnpike.server.routing.RouteTable;
import org.junit.jupiter.api.Test;

class CurrentRuntimeTest {

    private final List<GatewayRuntime> closed = new CopyOnWriteArrayList<>();
    private final GatewayRuntime first = runtime();
    private final GatewayRuntime second = runtime();
    private final CurrentRuntime current = new CurrentRuntime(first, closed::add);

    @Test
    void aReplacedRuntimeStaysOpenUntilItsLastLeaseEnds() {
        RuntimeLease lease = current.lease();

        current.replace(second);
        assertEquals(List.of(), closed);
        lease.close();

        assertEquals(List.of(first), closed);
    }

    @Test
    void anIdleReplacedRuntimeClosesAtOnceAndOnlyOnce() {
        current.replace(second);
        current.lease().close();

        assertEquals(List.of(first), closed);
    }

    @Test
    void leasesAfterAReplaceGetTheNewRuntime() {
        current.replace(second);

        try (RuntimeLease lease = current.lease()) {
            assertSame(second, lease.runtime());
        }
        assertEquals(List.of(first), closed);
    }

    @Test
    void retiringClosesTheServingRuntimeOnceItsRequestsEnd() {
        RuntimeLease lease = current.lease();

        current.retire();
        assertEquals(List.of(), closed);
        lease.close();

        assertEquals(List.of(first), closed);
    }

    private static GatewayRuntime runtime() {
        return new GatewayRuntime(new GatewayConfig(null, null, null, null, null, null, null, null),
                RouteTable.build(List.of(), new ArrayList<>()), List.of(), Map.of(), () -> { }, Optional.empty(),
                Optional.empty());
    }
}
