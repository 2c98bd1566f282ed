package dev.pitwall.triage;

import dev.pitwall.system.PitwallTest;

@PitwallTest
class SuspectsOnSqliteTest extends SuspectsScenario {}
