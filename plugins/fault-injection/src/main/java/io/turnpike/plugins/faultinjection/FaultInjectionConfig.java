package io.turnpike.plugins.faultinjection;

/**
 * A route's {@code fault-injection} config: the faults its requests (or those carrying {@code trigger}) may meet.
 * At least one of {@code delay} and {@code abort} is given.
 *
 * @param delay   a wait before the request goes on, for a share of the requests; absent: none waits
 * @param abort   an answer in place of the upstream's, for a share of the requests; absent: none is answered
 * @param trigger when given, only requests carrying a header or a query parameter of this name may meet a fault;
 *                the others go on as if the plugin were not there
 */
public record FaultInjectionConfig(Delay delay, Abort abort, String trigger) {
}
