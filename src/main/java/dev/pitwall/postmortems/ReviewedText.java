package dev.pitwall.postmortems;

/** One text of a postmortem given to the blameless review: where it is and what it says. */
record ReviewedText(String location, String label, String text) {}
