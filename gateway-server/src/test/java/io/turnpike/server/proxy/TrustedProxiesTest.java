package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;

import io.turnpike.api.IpRange;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final TrustedProxies LOAD_BALANCERS = TrustedProxies.of(List.of("10.0.0.0/8", "::1/128"));

    @Test
    void withoutTrustedProxiesTheClientIsThePeerWhateverItForwards() {
        assertEquals(ip("10.0.0.5"), TrustedProxies.NONE.client(ip("10.0.0.5"), List.of("203.0.113.7")));
    }

    @Test
    void anUntrustedPeerIsTheClientAndItsForwardedForIsIgnored() {
        assertEquals(ip("198.51.100.2"), LOAD_BALANCERS.client(ip("198.51.100.2"), List.of("203.0.113.7")));
    }

    @Test
    void aTrustedPeerForwardsForTheClient() {
        assertEquals(ip("203.0.113.7"), LOAD_BALANCERS.client(ip("10.0.0.5"), List.of("203.0.113.7")));
    }

    @Test
    void theWalkGoesRightToLeftSkippingTrustedHopsAndStopsAtTheFirstUntrusted() {
        InetAddress client = LOAD_BALANCERS.client(ip("10.0.0.5"),
                List.of("192.0.2.66, 203.0.113.7, 10.1.1.1, 10.2.2.2"));

        assertEquals(ip("203.0.113.7"), client);
    }

    @Test
    void addressesLeftOfTheFirstUntrustedHopAreNeverBelieved() {
        assertEquals(ip("203.0.113.7"), LOAD_BALANCERS.client(ip("10.0.0.5"), List.of("10.9.9.9, 203.0.113.7")));
    }

    @Test
    void repeatedFieldsReadAsOneListInOrder() {
        assertEquals(ip("203.0.113.7"),
                LOAD_BALANCERS.client(ip("10.0.0.5"), List.of("192.0.2.66, 203.0.113.7", "10.1.1.1")));
    }

    @Test
    void aMalformedEntryStopsTheWalkAndTheLastTrustedHopIsTheClient() {
        assertEquals(ip("10.1.1.1"), LOAD_BALANCERS.client(ip("10.0.0.5"), List.of("203.0.113.7, unknown, 10.1.1.1")));
        assertEquals(ip("10.0.0.5"), LOAD_BALANCERS.client(ip("10.0.0.5"), List.of("203.0.113.7, ")));
        assertEquals(ip("10.0.0.5"), LOAD_BALANCERS.client(ip("10.0.0.5"), List.of("evil.example")));
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertEquals(ip("10.3.3.3"), LOAD_BALANCERS.client(ip("10.0.0.5"), List.of("10.3.3.3, 10.1.1.1")));
    }

    @Test
    void aTrustedPeerWithoutForwardedForIsTheClient() {
        assertEquals(ip("10.0.0.5"), LOAD_BALANCERS.client(ip("10.0.0.5"), List.of()));
    }

    @Test
    void portsAndBracketsThatProxiesAddAreIgnored() {
        assertEquals(ip("203.0.113.7"), LOAD_BALANCERS.client(ip("10.0.0.5"), List.of("203.0.113.7:4711")));
        assertEquals(ip("2001:db8::7"), LOAD_BALANCERS.client(ip("::1"), List.of("[2001:db8::7]:4711")));
        assertEquals(ip("2001:db8::7"), LOAD_BALANCERS.client(ip("::1"), List.of("[2001:db8::7]")));
        assertEquals(ip("2001:db8::7"), LOAD_BALANCERS.client(ip("::1"), List.of("2001:db8::7")));
    }

    @Test
    void aBracketedEntryWithTrailingGarbageIsMalformed() {
        assertEquals(ip("::1"), LOAD_BALANCERS.client(ip("::1"), List.of("[2001:db8::7]x")));
    }

    private static InetAddress ip(String literal) {
        return IpRange.literal(literal).orElseThrow();
    }
}
