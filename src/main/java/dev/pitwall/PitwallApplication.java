package dev.pitwall;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** The Pitwall server: every module under {@code dev.pitwall} in one Spring application. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Pitwall", sharedModules = "system")
public class PitwallApplication {}
