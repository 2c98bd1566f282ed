package dev.pitwall.changes;

import dev.pitwall.system.PitwallTest;
import org.springframework.context.annotation.Import;

@PitwallTest
@Import(ChangeEventsProbe.class)
class WhatChangedOnSqliteTest extends WhatChangedScenario {}
