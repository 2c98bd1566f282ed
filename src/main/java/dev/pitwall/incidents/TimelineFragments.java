package dev.pitwall.incidents;

import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Renders one timeline entry as the HTML the live incident page appends (escaped by Thymeleaf). */
@Component
class TimelineFragments {

    private final ITemplateEngine templates;

    TimelineFragments(ITemplateEngine templates) {
        this.templates = templates;
    }

    String entry(TimelineEntry entry) {
        Context context = new Context(Locale.ROOT);
        context.setVariable("e", entry);
        return templates
                .process("incidents/fragments", Set.of("entry"), context)
                .strip();
    }
}
