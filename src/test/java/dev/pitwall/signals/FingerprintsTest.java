package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    @Test
    void alertmanagerFingerprintIsTheOneAlertmanagerItselfComputed() {
        // Labels and fingerprints from alertmanager-webhook-mixed.json, as Alertmanager 0.25 sent them.
        Map<String, String> first = Map.of(
                "alertname", "ProposalsLineItemsMissing",
                "env", "production",
                "instance", "proposals-2b1d:8080",
                "service", "proposals-app",
                "severity", "critical");
        Map<String, String> second = new TreeMap<>(first);
        second.put("instance", "proposals-7f9c:8080");

        assertThat(Fingerprints.alertmanager(first)).isEqualTo("da4198f7c7b60581");
        assertThat(Fingerprints.alertmanager(second)).isEqualTo("a372aa53f377cb0d");
    }

    @Test
    void alertmanagerFingerprintDoesNotDependOnLabelOrder() {
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("b", "2");
        ordered.put("a", "1");
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("a", "1");
        reversed.put("b", "2");

        assertThat(Fingerprints.alertmanager(ordered)).isEqualTo(Fingerprints.alertmanager(reversed));
    }

    @Test
    void alertmanagerFingerprintHashesTextThatIsNotAsciiAsUtf8() {
        // FNV-1a over UTF-8 bytes: "é" is two bytes, so it must differ from the Latin-1 reading.
        String utf8 = Fingerprints.alertmanager(Map.of("summary", "café"));
        String ascii = Fingerprints.alertmanager(Map.of("summary", "cafe"));

        assertThat(utf8).hasSize(16).isNotEqualTo(ascii);
        assertThat(Fingerprints.alertmanager(Map.of("summary", "café"))).isEqualTo(utf8);
    }

    @Test
    void emptyLabelSetHasAlertmanagersEmptySignature() {
        assertThat(Fingerprints.alertmanager(Map.of())).isEqualTo("cbf29ce484222325");
    }

    @Test
    void derivedFingerprintIsStableAndSeparatesItsParts() {
        String one = Fingerprints.derived("generic", "checkout", "production", "Slow", Map.of("a", "1", "b", "2"));
        String same = Fingerprints.derived(
                "generic", "checkout", "production", "Slow", new TreeMap<>(Map.of("b", "2", "a", "1")));
        String shifted = Fingerprints.derived("generic", "checkou", "tproduction", "Slow", Map.of("a", "1", "b", "2"));

        assertThat(one).hasSize(32).isEqualTo(same).isNotEqualTo(shifted);
    }
}
