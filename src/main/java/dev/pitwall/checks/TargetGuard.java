package dev.pitwall.checks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps checks (and rollback hooks) away from addresses that hand out cloud credentials: the
 * link-local ranges where instance metadata services live (169.254.0.0/16 with 169.254.169.254,
 * fe80::/10), AWS's IPv6 metadata address fd00:ec2::254 and Alibaba Cloud's 100.100.100.200. The
 * check is made on the addresses a name actually resolves to, right before connecting, so DNS
 * tricks and redirects cannot get around it. An allow-list of CIDR ranges opens exceptions.
 */
final class TargetGuard {

    /** A CIDR range such as {@code 169.254.10.0/24} or {@code fd00::/8}; a bare address is a /32 or /128. */
    record Cidr(String text, byte[] network, int prefix) {

        static Cidr parse(String text) {
            String trimmed = text.trim();
            int slash = trimmed.indexOf('/');
            String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
            if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
            }
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bytes.length * 8);
            }
            return new Cidr(trimmed, bytes, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Cidr> BLOCKED = List.of(
            Cidr.parse("169.254.0.0/16"),
            Cidr.parse("fe80::/10"),
            Cidr.parse("fd00:ec2::254/128"),
            Cidr.parse("100.100.100.200/32"));

    private final List<Cidr> allowed;

    TargetGuard(List<String> allowedRanges) {
        List<Cidr> parsed = new ArrayList<>();
        for (String range : allowedRanges) {
            if (range != null && !range.isBlank()) {
                parsed.add(Cidr.parse(range));
            }
        }
        this.allowed = List.copyOf(parsed);
    }

    static TargetGuard defaults() {
        return new TargetGuard(List.of());
    }

    /** Why Pitwall will not connect to this address, or empty when it may. */
    Optional<String> refusal(InetAddress address) {
        byte[] bytes = plain(address);
        for (Cidr blocked : BLOCKED) {
            if (blocked.contains(bytes) && allowed.stream().noneMatch(a -> a.contains(bytes))) {
                return Optional.of(literal(bytes)
                        + " is a link-local or cloud metadata address (" + blocked.text() + "); checks may not reach it"
                        + " unless it is listed in pitwall.checks.allowed-targets");
            }
        }
        return Optional.empty();
    }

    /** IPv4-mapped IPv6 addresses (::ffff:169.254.169.254) are judged as the IPv4 address they carry. */
    private static byte[] plain(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isMapped(bytes)) {
            byte[] v4 = new byte[4];
            System.arraycopy(bytes, 12, v4, 0, 4);
            return v4;
        }
        return bytes;
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xFF) == 0xFF && (bytes[11] & 0xFF) == 0xFF;
    }

    private static String literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
