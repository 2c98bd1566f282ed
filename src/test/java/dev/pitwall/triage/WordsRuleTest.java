package dev.pitwall.triage;

import static dev.pitwall.triage.TestChange.IMPACT;
import static dev.pitwall.triage.TestChange.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordsRuleTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" vs {2}: \"{3}\" / {4} scores {5}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            members can't see line items        | members-portal | billing-api | Read invoice rows from ledger v2 | billing/invoice/LineItemMapper.java    | 4.0 | changed file LineItemMapper.java matches "line items"
            members can't see line items        | members-portal | billing-api | Fix line_items pagination        | -                                      | 4.0 | commit message mentions "line items"
            members can't see line items        | members-portal | billing-api | -                                | billing/lineitems/Mapper.java          | 4.0 | changed file Mapper.java matches "line items"
            members can't see line items        | members-portal | billing-api | Move line to the bottom of items | -                                      | 2.0 | commit message mentions "line", "items"
            promo code discount not applied     | checkout       | checkout    | Apply promo codes after tax      | checkout/DiscountCalculator.java       | 2.0 | commit message mentions "promo"; changed file DiscountCalculator.java matches "discount"
            invoice line items show wrong tax   | billing-api    | pricing     | Tax per invoice line item        | pricing/invoice/LineItemTax.java       | 5.0 | commit message mentions "invoice line", "line items", "tax"
            502 from members-api /dependents    | claims-api     | members-api | Speed up search by last name     | -                                      | 1.0 | the incident mentions "members", as in members-api
            ledger_entries.currency is null     | checkout       | ledger      | V87 currency must be set         | ledger/V87__ledger_entries.sql         | 5.0 | the incident mentions "ledger", as in ledger; commit message mentions "currency"; changed file V87__ledger_entries.sql matches "ledger entries"
            providers-directory search timeouts | search         | providers-directory | -                        | providers-directory/src/Search.java    | 2.0 | the incident mentions "providers", "directory", as in providers-directory; changed file Search.java matches "search"
            """)
    void incidentWordsFoundInTheChangeScoreWithPhrasesWeighingMore(
            String signal, String affected, String service, String commit, String file, double score, String reason) {
        WordsRule rule = rule(signal, affected);
        CandidateChange change = change(1)
                .service(service)
                .commits(commit == null ? new String[0] : new String[] {commit})
                .files(file == null ? new String[0] : new String[] {file})
                .build();

        assertThat(rule.score(change)).isEqualTo(score);
        assertThat(rule.reason(change)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" vs {2}: \"{3}\" scores nothing")
    @CsvSource(delimiter = '|', textBlock = """
            error rate high on checkout            | checkout       | payments       | Fix error handling, bump version 2.3
            checkout errors after deploy           | checkout       | checkout       | checkout/src/main/java/Checkout.java
            members can't see line items           | members-portal | members-api    | Speed up search by last name
            providers-directory search timeouts    | search         | search         | Deploy search 2025.03.18-1 to search/
            lineitem mapper broken                 | billing-api    | billing-api    | Align invoice footer
            """)
    void stopWordsOwnServiceNamesAndUnrelatedTextScoreNothing(
            String signal, String affected, String service, String text) {
        WordsRule rule = rule(signal, affected);

        assertThat(rule.explain(change(1).service(service).description(text).build()))
                .isEmpty();
    }

    @Test
    void theFailingChecksNameAndUrlPathAreTheIncidentsWordsButTheHostIsNot() {
        IncidentFacts incident = new IncidentFacts(
                IMPACT,
                "production",
                Set.of("members-portal"),
                List.of(),
                List.of(new FailingCheck(
                        "invoice-journey", "https://coupons.example.com/api/invoices/{id}/line-items?x=1")),
                Set.of(),
                Set.of());
        WordsRule rule = new WordsRule(incident);

        assertThat(rule.score(change(1).commits("Line items for invoices").build()))
                .isEqualTo(5.0);
        assertThat(rule.score(change(2).commits("Coupons and the x flag").build()))
                .isZero();
    }

    @ParameterizedTest(name = "{0} has the path {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://members.example.com/api/invoices/{id}/line-items?page=2#top | /api/invoices/{id}/line-items
            /health                                                             | /health
            https://members.example.com                                         | ''
            """)
    void aUrlsPathIsWhatRemainsWithoutSchemeHostAndQuery(String url, String path) {
        assertThat(WordsRule.pathOf(url)).isEqualTo(path);
    }

    private static WordsRule rule(String signal, String affected) {
        return new WordsRule(new IncidentFacts(
                IMPACT, "production", Set.of(affected), List.of(signal), List.of(), Set.of(), Set.of()));
    }
}
