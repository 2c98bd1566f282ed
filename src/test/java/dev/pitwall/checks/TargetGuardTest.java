package dev.pitwall.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetGuardTest {

    @ParameterizedTest(name = "{0} refused: {1}")
    @CsvSource({
        "169.254.169.254, true",
        "169.254.0.1, true",
        "::ffff:169.254.169.254, true",
        "fd00:ec2::254, true",
        "fe80::1, true",
        "100.100.100.200, true",
        "127.0.0.1, false",
        "10.0.0.7, false",
        "192.168.1.1, false",
        "::1, false",
        "fd00:ec2::253, false",
    })
    void refusesLinkLocalAndMetadataAddressesByDefault(String address, boolean refused) throws Exception {
        assertThat(TargetGuard.defaults()
                        .refusal(InetAddress.getByName(address))
                        .isPresent())
                .isEqualTo(refused);
    }

    @ParameterizedTest(name = "{0} refused: {1}")
    @CsvSource({"169.254.10.5, false", "169.254.11.5, true", "169.254.169.254, true", "fd00:ec2::254, false"})
    void theAllowListOpensExceptions(String address, boolean refused) throws Exception {
        TargetGuard guard = new TargetGuard(List.of("169.254.10.0/24", "fd00:ec2::254"));

        assertThat(guard.refusal(InetAddress.getByName(address)).isPresent()).isEqualTo(refused);
    }

    @ParameterizedTest
    @CsvSource({"not-an-address", "10.0.0.0/33", "10.0.0.0/x"})
    void aBadAllowListEntryIsRefused(String range) {
        assertThatThrownBy(() -> new TargetGuard(List.of(range))).isInstanceOf(IllegalArgumentException.class);
    }
}
