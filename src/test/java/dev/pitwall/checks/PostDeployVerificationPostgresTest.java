package dev.pitwall.checks;

import dev.pitwall.system.PitwallPostgresTest;

@PitwallPostgresTest
class PostDeployVerificationPostgresTest extends PostDeployVerificationScenario {}
