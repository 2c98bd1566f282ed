package dev.pitwall.incidents;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** Sends a plain-text email over the SMTP server of {@code PITWALL_SMTP_HOST} (Spring Boot's mail sender). */
@Component
class EmailNotifier implements Notifier {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final ObjectProvider<JavaMailSender> mail;
    private final String from;

    EmailNotifier(
            ObjectProvider<JavaMailSender> mail,
            @Value("${pitwall.notifications.mail-from:pitwall@localhost}") String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.EMAIL;
    }

    /** Whether an SMTP server is configured at all. */
    boolean configured() {
        JavaMailSender sender = mail.getIfAvailable();
        return sender != null
                && !(sender instanceof JavaMailSenderImpl impl
                        && (impl.getHost() == null || impl.getHost().isBlank()));
    }

    @Override
    public Outcome send(Destination destination, IncidentNotification n, long deliveryId) {
        if (!configured()) {
            return Outcome.failed("email is not configured: set PITWALL_SMTP_HOST (and PITWALL_SMTP_PORT)");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(destination.recipients().toArray(String[]::new));
        message.setSubject("[Pitwall] " + n.headline().replace('\n', ' ').replace('\r', ' '));
        message.setText(text(n));
        try {
            mail.getObject().send(message);
            return Outcome.ok("sent to " + destination.recipients().size() + " recipient(s)");
        } catch (MailException e) {
            return Outcome.failed("SMTP: " + e.getMessage());
        }
    }

    static String text(IncidentNotification n) {
        StringBuilder out = new StringBuilder();
        out.append("Incident #")
                .append(n.incidentId())
                .append(' ')
                .append(n.event().verb())
                .append(": ")
                .append(n.title())
                .append("\n\n");
        out.append("Severity:    ").append(n.severity().name()).append('\n');
        out.append("Status:      ").append(n.status().label()).append('\n');
        if (!n.services().isEmpty()) {
            out.append("Services:    ").append(String.join(", ", n.services())).append('\n');
        }
        if (n.environment() != null) {
            out.append("Environment: ").append(n.environment()).append('\n');
        }
        out.append("When:        ").append(TIME.format(n.at())).append('\n');
        out.append("By:          ").append(n.actor()).append('\n');
        if (n.detail() != null && !n.detail().isBlank()) {
            out.append('\n').append(n.detail()).append('\n');
        }
        out.append('\n').append(n.url()).append('\n');
        return out.toString();
    }
}
