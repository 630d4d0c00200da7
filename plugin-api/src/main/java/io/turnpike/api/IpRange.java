package io.turnpike.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range in CIDR notation, such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a
 * bare address is a range of one ({@code /32} or {@code /128}). The gateway uses it for
 * {@code server.trusted-proxies}, and plugins that match {@link Exchange#clientAddress()} against lists of
 * addresses use it too, so that every list of addresses in a configuration means the same thing.
 *
 * <pre>{@code
 * IpRange office = IpRange.parse("192.0.2.0/24");
 * office.contains(exchange.clientAddress());
 * }</pre>
 *
 * <p>Parsing never looks a name up in DNS: only literal addresses are accepted. IPv4 addresses are written
 * as four decimal numbers without leading zeros (so {@code 010.0.0.1} is refused rather than guessed to be
 * octal). An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is the IPv4 address it maps, as the JDK
 * treats it, so a range of either form matches a client of either form. Zone ids ({@code fe80::1%eth0})
 * are refused.
 */
public final class IpRange {

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");
    /** How many leading bits an IPv4-mapped IPv6 address adds in front of the IPv4 address. */
    private static final int MAPPED_PREFIX = 96;

    private final byte[] network;
    private final int prefixLength;

    private IpRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses an address or a range.
     *
     * @param text an address ({@code 192.0.2.1}, {@code ::1}) or a range ({@code 192.0.2.0/24},
     *             {@code 2001:db8::/32}); bits after the prefix must be zero, so that a range is written
     *             the way it is meant
     * @return the range
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static IpRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an IP address or CIDR range is needed, such as 10.0.0.0/8, got nothing");
        }
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] address = literal(addressText)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: \"" + text
                        + "\"; write an IPv4 or IPv6 address, optionally with /prefix, such as 10.0.0.0/8 or ::1/128"))
                .getAddress();
        boolean mapped = address.length == 4 && addressText.contains(":");
        int maxPrefix = mapped ? MAPPED_PREFIX + 32 : address.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String prefixText = text.substring(slash + 1);
            if (!PREFIX.matcher(prefixText).matches() || Integer.parseInt(prefixText) > maxPrefix) {
                throw new IllegalArgumentException("the prefix of \"" + text + "\" must be a number from 0 to " + maxPrefix);
            }
            prefix = Integer.parseInt(prefixText);
        }
        if (mapped) {
            if (prefix < MAPPED_PREFIX) {
                throw new IllegalArgumentException("the IPv4-mapped range \"" + text + "\" must have a prefix of at least /"
                        + MAPPED_PREFIX + "; write the IPv4 range instead");
            }
            prefix -= MAPPED_PREFIX;
        }
        byte[] masked = masked(address, prefix);
        if (!Arrays.equals(masked, address)) {
            throw new IllegalArgumentException("\"" + text + "\" has bits set after its /" + (mapped ? prefix + MAPPED_PREFIX : prefix)
                    + " prefix; did you mean " + new IpRange(masked, prefix) + "?");
        }
        return new IpRange(address, prefix);
    }

    /**
     * Parses a literal IPv4 or IPv6 address, never consulting DNS.
     *
     * @param text the text, such as {@code 192.0.2.1} or {@code 2001:db8::1}, without brackets, port or zone
     * @return the address, or empty when the text is not a literal address
     */
    public static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        boolean ipv4 = IPV4.matcher(text).matches();
        if (!ipv4 && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        if (ipv4) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            // only literal forms reach this point, and the JDK parses a literal without any lookup
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException malformed) {
            return Optional.empty();
        }
    }

    /**
     * Whether an address is in this range. An IPv4 address is never in an IPv6 range and the other way
     * round, except for IPv4-mapped IPv6 addresses, which count as the IPv4 address they map.
     *
     * @param address the address
     * @return true when the address is in the range
     */
    public boolean contains(InetAddress address) {
        byte[] bytes = unmapped(address.getAddress());
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefixLength), network);
    }

    /**
     * The first address of the range.
     *
     * @return the network address
     */
    public InetAddress network() {
        try {
            return InetAddress.getByAddress(network.clone());
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * The number of leading bits that every address in the range shares.
     *
     * @return 0 to 32 for IPv4, 0 to 128 for IPv6
     */
    public int prefixLength() {
        return prefixLength;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange range && range.prefixLength == prefixLength && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    /** The canonical form, such as {@code 10.0.0.0/8} or {@code 2001:db8:0:0:0:0:0:0/32}. */
    @Override
    public String toString() {
        return network().getHostAddress() + "/" + prefixLength;
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int bitsKept = Math.max(0, Math.min(8, prefix - 8 * i));
            masked[i] &= (byte) (0xff << (8 - bitsKept));
        }
        return masked;
    }

    /** The IPv4 address of an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}); any other address as it is. */
    private static byte[] unmapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff ? Arrays.copyOfRange(address, 12, 16) : address;
    }
}
