package dev.pitwall.triage;

import dev.pitwall.system.PitwallPostgresTest;

@PitwallPostgresTest
class SuspectsOnPostgresTest extends SuspectsScenario {}
