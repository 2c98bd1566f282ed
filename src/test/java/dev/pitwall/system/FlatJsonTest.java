package dev.pitwall.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class FlatJsonTest {

    private final JsonMapper jackson = JsonMapper.builder().build();

    @Test
    void writesWhatJacksonWritesForTheSameLabels() {
        Map<String, String> labels = new TreeMap<>(Map.of(
                "alertname", "HighErrorRate",
                "instance", "members-api-7:9100",
                "summary", "5% of \"GET /line-items\" fail\nsee C:\\runbook\t<b>now</b>",
                "control", "bell\u0007 and unit separator\u001f",
                "unicode", "Zürich – 東京 🚀"));

        String written = FlatJson.object(labels);

        assertThat(written).isEqualTo(jackson.writeValueAsString(labels));
        assertThat(jackson.readValue(written, new TypeReference<Map<String, String>>() {}))
                .isEqualTo(labels);
    }

    @Test
    void writesAListOfObjectsAsJacksonDoes() {
        Map<String, String> first = new LinkedHashMap<>();
        first.put("href", "http://prometheus:9090/graph?g0.expr=rate%28x%5B5m%5D%29&g0.tab=1");
        first.put("text", "Source");
        Map<String, String> second = new LinkedHashMap<>();
        second.put("href", "https://runbooks.example.com/\"quoted\"");
        second.put("text", null);

        assertThat(FlatJson.objects(List.of(first, second)))
                .isEqualTo(jackson.writeValueAsString(List.of(first, second)));
        assertThat(FlatJson.objects(List.of())).isEqualTo("[]");
    }

    @Test
    void anHtmlSafeStringEscapesAngleBracketsAndAmpersandsToo() {
        String text = "<script>alert(\"x\")</script> & \u0007";

        String written = FlatJson.htmlSafeString(text);

        assertThat(written).doesNotContain("<", ">", "&").contains("\\u003C", "\\u0026", "\\u0007");
        assertThat(jackson.readValue(written, String.class)).isEqualTo(text);
    }

    @Test
    void keepsTheMapsOrderAndWritesNullsAndEmptyMaps() {
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("z", "1");
        ordered.put("a", null);

        assertThat(FlatJson.object(ordered)).isEqualTo("{\"z\":\"1\",\"a\":null}");
        assertThat(FlatJson.object(Map.of())).isEqualTo("{}");
    }
}
