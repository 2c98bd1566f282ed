package dev.pitwall.triage;

/**
 * One piece of evidence about a suspect change: which rule found it, how much it adds to the
 * change's score (negative when it speaks for the change), and the reason shown to responders.
 */
public record Evidence(String rule, double score, String reason) {}
