package dev.pitwall.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenizerTest {

    @ParameterizedTest(name = "\"{0}\" gives {1}")
    @CsvSource(delimiter = '|', textBlock = """
            LineItemMapper.java                      | lin item mapper java
            line-items                               | lin item
            line_items                               | lin item
            members can't see line items             | member can see lin item
            src/main/java/com/acme/LineItems.kt      | src main java com acm lin item kt
            HTTPServerError                          | http server error
            URLs and IDs                             | url and ids
            oauth2Client v2 5xx                      | oauth2 client v2 5xx
            failed failing fails                     | fail fail fail
            cache cached caching caches              | cach cach cach cach
            price prices pricing                     | pric pric pric
            mapping mapped map                       | map map map
            entries entry queries                    | entry entry query
            status address passing                   | status address pass
            release 2025.03.10 build 1234            | releas build
            Größe ÜBER naïve                         | größ über naïv
            """)
    void splitsIdentifiersPathsAndProseIntoTheSameStems(String text, String stems) {
        List<String> words =
                Tokenizer.words(text).stream().map(Tokenizer.Word::stem).toList();

        assertThat(words).containsExactly(stems.split(" "));
    }

    @ParameterizedTest(name = "\"{0}\" keeps how it was written")
    @CsvSource({"Line Items, line items", "CouponCodes, coupon codes"})
    void keepsTheWordsAsWrittenForReasons(String text, String surfaces) {
        assertThat(Tokenizer.words(text).stream().map(Tokenizer.Word::surface)).containsExactly(surfaces.split(" "));
    }
}
