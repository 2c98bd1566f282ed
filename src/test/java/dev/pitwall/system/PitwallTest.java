package dev.pitwall.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole Pitwall server on a random port with a fresh SQLite database in a temporary data
 * directory. All classes with this annotation (and no other configuration) share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "pitwall.admin-password=admin-password-for-tests",
            "db-scheduler.polling-interval=200ms",
            "pitwall.outbox.poll-interval=200ms"
        })
@ContextConfiguration(initializers = TestDataDirectory.class)
public @interface PitwallTest {}
