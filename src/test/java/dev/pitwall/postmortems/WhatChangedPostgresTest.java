package dev.pitwall.postmortems;

import dev.pitwall.system.PitwallPostgresTest;

@PitwallPostgresTest
class WhatChangedPostgresTest extends WhatChangedScenario {}
