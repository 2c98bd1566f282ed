/**
 * System: what every module stands on. Database wiring (SQLite with one writer, or PostgreSQL),
 * the clock, RFC 9457 problem details for every client error, request limits, the durable event
 * outbox, the acting user ({@link dev.pitwall.system.Actor}) and the page layout with its
 * navigation. Calls no other module; every module may call it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System")
package dev.pitwall.system;
