package dev.pitwall.postmortems;

import dev.pitwall.system.PitwallTest;

@PitwallTest
class WhatChangedTest extends WhatChangedScenario {}
