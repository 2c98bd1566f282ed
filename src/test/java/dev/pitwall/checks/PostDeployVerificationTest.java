package dev.pitwall.checks;

import dev.pitwall.system.PitwallTest;

@PitwallTest
class PostDeployVerificationTest extends PostDeployVerificationScenario {}
