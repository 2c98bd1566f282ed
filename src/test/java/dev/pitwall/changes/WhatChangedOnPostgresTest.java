package dev.pitwall.changes;

import dev.pitwall.system.PitwallPostgresTest;
import org.springframework.context.annotation.Import;

@PitwallPostgresTest
@Import(ChangeEventsProbe.class)
class WhatChangedOnPostgresTest extends WhatChangedScenario {}
