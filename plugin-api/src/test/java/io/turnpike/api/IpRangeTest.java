package io.turnpike.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    @Test
    void anIpv4RangeHoldsItsAddressesAndNoOthers() {
        IpRange range = IpRange.parse("10.0.0.0/8");

        assertTrue(range.contains(address("10.0.0.0")));
        assertTrue(range.contains(address("10.255.255.255")));
        assertFalse(range.contains(address("11.0.0.0")));
        assertFalse(range.contains(address("9.255.255.255")));
    }

    @Test
    void aPrefixThatIsNotAWholeNumberOfBytesIsHonoured() {
        IpRange range = IpRange.parse("192.0.2.64/26");

        assertTrue(range.contains(address("192.0.2.64")));
        assertTrue(range.contains(address("192.0.2.127")));
        assertFalse(range.contains(address("192.0.2.63")));
        assertFalse(range.contains(address("192.0.2.128")));
    }

    @Test
    void aBareAddressIsARangeOfOne() {
        IpRange one = IpRange.parse("127.0.0.1");

        assertEquals(32, one.prefixLength());
        assertTrue(one.contains(address("127.0.0.1")));
        assertFalse(one.contains(address("127.0.0.2")));
    }

    @Test
    void anIpv6RangeHoldsItsAddressesAndNoOthers() {
        IpRange range = IpRange.parse("2001:db8::/32");

        assertTrue(range.contains(address("2001:db8::1")));
        assertTrue(range.contains(address("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")));
        assertFalse(range.contains(address("2001:db9::")));
    }

    @Test
    void aBareIpv6AddressIsARangeOfOne() {
        IpRange loopback = IpRange.parse("::1");

        assertEquals(128, loopback.prefixLength());
        assertTrue(loopback.contains(address("::1")));
        assertTrue(IpRange.parse("::1/128").contains(address("0:0:0:0:0:0:0:1")));
    }

    @Test
    void theZeroPrefixHoldsEveryAddressOfItsFamilyOnly() {
        assertTrue(IpRange.parse("0.0.0.0/0").contains(address("203.0.113.9")));
        assertFalse(IpRange.parse("0.0.0.0/0").contains(address("2001:db8::1")));
        assertTrue(IpRange.parse("::/0").contains(address("2001:db8::1")));
        assertFalse(IpRange.parse("::/0").contains(address("203.0.113.9")));
    }

    @Test
    void anIpv4MappedRangeIsTheIpv4RangeItMaps() {
        IpRange mapped = IpRange.parse("::ffff:192.0.2.0/120");

        assertEquals(IpRange.parse("192.0.2.0/24"), mapped);
        assertTrue(mapped.contains(address("192.0.2.7")));
        assertTrue(IpRange.parse("192.0.2.0/24").contains(address("::ffff:192.0.2.7")));
    }

    @Test
    void bitsAfterThePrefixAreRefusedWithTheRangeThatWasProbablyMeant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.1.2.3/8"));

        assertTrue(e.getMessage().contains("did you mean 10.0.0.0/8?"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "example.com", "10.0.0", "10.0.0.256", "010.0.0.1", "1.2.3.4/33",
            "1.2.3.4/-1", "1.2.3.4/", "1.2.3.4/08", "::1/129", "fe80::1%eth0", "[::1]", "1:2", "::ffff:1.2.3.0/64",
            "1.2.3.4:80", "12345::", "0x7f.0.0.1", "127.1"})
    void textThatIsNotALiteralAddressOrRangeIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse(text));
    }

    @Test
    void aNameIsNeverALiteral() {
        assertTrue(IpRange.literal("localhost").isEmpty());
        assertTrue(IpRange.literal("cafe").isEmpty());
    }

    @Test
    void theCanonicalFormIsWhatToStringGives() {
        assertEquals("10.0.0.0/8", IpRange.parse("10.0.0.0/8").toString());
        assertEquals(IpRange.parse("2001:db8::/32"), IpRange.parse("2001:DB8:0::/32"));
    }

    private static InetAddress address(String literal) {
        return IpRange.literal(literal).orElseThrow();
    }
}
