package dev.pitwall;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module graph of ARCHITECTURE.md: no cycles, no access to another module's internals. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(PitwallApplication.class);

    @Test
    void modulesKeepTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
