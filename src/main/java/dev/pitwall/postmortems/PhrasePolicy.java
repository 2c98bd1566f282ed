package dev.pitwall.postmortems;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/** A rule of {@code blameless-rules.yaml}: every match of its pattern is a finding. */
final class PhrasePolicy implements BlamelessPolicy {

    private final BlamelessRule rule;

    PhrasePolicy(BlamelessRule rule) {
        this.rule = rule;
    }

    @Override
    public String name() {
        return rule.name();
    }

    BlamelessRule rule() {
        return rule;
    }

    @Override
    public List<Finding> review(ReviewedText text, Set<String> people) {
        List<Finding> findings = new ArrayList<>();
        if (text.text() == null || text.text().isBlank()) {
            return findings;
        }
        Matcher m = rule.pattern().matcher(text.text());
        while (m.find()) {
            if (m.end() == m.start()) {
                continue;
            }
            findings.add(new Finding(
                    rule.name(),
                    text.location(),
                    text.label(),
                    m.start(),
                    m.end(),
                    text.text().substring(m.start(), m.end()),
                    rule.why(),
                    rule.suggestion()));
        }
        return findings;
    }
}
