package dev.pitwall.postmortems;

/** New values for the written sections; a null field keeps what is stored, an empty one clears it. */
record SectionEdit(String title, String summary, String wentWell, String lucky, String learned) {}
