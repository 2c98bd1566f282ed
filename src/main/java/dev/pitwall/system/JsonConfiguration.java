package dev.pitwall.system;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.EnumFeature;

@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /**
     * Enum values travel in lower case ({@code "feature_flag"}), as in every API Pitwall talks to.
     * Unknown properties are ignored so that senders with newer payload versions keep working.
     */
    @Bean
    JsonMapperBuilderCustomizer pitwallJson() {
        return builder -> builder.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }
}
