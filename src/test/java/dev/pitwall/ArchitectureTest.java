package dev.pitwall;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * House rules that keep the code base livable. Every rule must match real classes: ArchUnit's
 * {@code failOnEmptyShould} stays on, so a rule that matches nothing fails.
 */
class ArchitectureTest {

    static final JavaClasses PITWALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pitwall");

    @Test
    void everyApiEndpointDeclaresWhoMayCallIt() {
        methods()
                .that()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(RestController.class)
                .and()
                .areMetaAnnotatedWith(RequestMapping.class)
                .should()
                .beAnnotatedWith(PreAuthorize.class)
                .because("an endpoint without @PreAuthorize would be open to any token")
                .check(PITWALL);
    }

    @Test
    void repositoriesArePrivateToTheirModule() {
        classes()
                .that()
                .areAnnotatedWith(Repository.class)
                .should()
                .notBePublic()
                .because("only a module's own services touch its tables")
                .check(PITWALL);
    }

    @Test
    void timeComesFromTheInjectedClock() {
        noClasses()
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(OffsetDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .because("tests replace the Clock bean; time read elsewhere cannot be controlled")
                .check(PITWALL);
    }

    @Test
    void scoringRulesAndRankingsArePlainJava() {
        noClasses()
                .that()
                .implement("dev.pitwall.triage.EvidenceRule")
                .or()
                .haveSimpleNameEndingWith("Policy")
                .or()
                .haveSimpleNameEndingWith("Ranking")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "java.sql..", "jakarta.servlet..")
                .because("domain rules take their facts and the time as parameters, so they can be tested and"
                        + " measured without a server or a database")
                .check(PITWALL);
    }

    @Test
    void noGrabBagClasses() {
        noClasses()
                .should()
                .haveSimpleNameEndingWith("Util")
                .orShould()
                .haveSimpleNameEndingWith("Utils")
                .orShould()
                .haveSimpleNameEndingWith("Helper")
                .orShould()
                .haveSimpleNameEndingWith("Manager")
                .check(PITWALL);
    }
}
