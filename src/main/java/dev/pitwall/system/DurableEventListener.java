package dev.pitwall.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean that receives events published with {@link DurableEvents}. The
 * method takes one parameter, the event record. It runs in its own transaction together with the
 * removal of the event from the outbox, so its database work happens exactly once; if it throws,
 * the event is retried with backoff. Keep it short: it holds the writer while it runs.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DurableEventListener {}
