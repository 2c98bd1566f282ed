package dev.pitwall.changes;

import dev.pitwall.system.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChangesNavigation {

    @Bean
    NavigationEntry changeTimelineNavigationEntry() {
        return new NavigationEntry("Changes", "/changes", 30);
    }

    @Bean
    NavigationEntry whatChangedNavigationEntry() {
        return new NavigationEntry("What changed", "/what-changed", 31);
    }
}
