package io.turnpike.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** SIGHUP from the process's first moment: none is lost while the gateway starts, and none is invented. */
class PendingReloadTest {

    private final List<String> reloaded = new ArrayList<>();
    private final PendingReload<String> reloads = new PendingReload<>(reloaded::add);

    @Test
    void aRequestDuringStartUpReloadsOnceTheGatewayHasStarted() {
        reloads.requested();
        reloads.requested();
        assertEquals(List.of(), reloaded, "nothing to reload yet");

        reloads.started("gateway");

        assertEquals(List.of("gateway"), reloaded, "one reload for the requests made meanwhile");
    }

    @Test
    void aRequestOnceStartedReloadsAtOnce() {
        reloads.started("gateway");

        reloads.requested();
        reloads.requested();

        assertEquals(List.of("gateway", "gateway"), reloaded);
    }

    @Test
    void noRequestNoReload() {
        reloads.started("gateway");

        assertEquals(List.of(), reloaded);
    }
}
