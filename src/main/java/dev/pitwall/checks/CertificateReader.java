package dev.pitwall.checks;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Reads how many days the certificate of a TLS server has left, for {@code tls.days_left}
 * assertions. It makes its own handshake (the HTTP client does not expose the peer's certificate)
 * and accepts any certificate: judging trust is the request's job ({@code verify_tls}), this only
 * reads the date.
 */
final class CertificateReader {

    private final TargetGuard guard;
    private final Clock clock;
    private final SSLContext context;

    CertificateReader(TargetGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAny()}, null);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS is part of every JDK", e);
        }
    }

    /** Days until the leaf certificate expires (negative once expired). Blocks; run it off the caller's thread. */
    long daysLeft(String host, int port, Duration timeout) throws Exception {
        List<InetSocketAddress> addresses = GuardedResolver.resolve(guard, host, port);
        try (Socket plain = new Socket()) {
            plain.connect(addresses.getFirst(), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                if (!GuardedResolver.isLiteral(host)) {
                    SSLParameters parameters = tls.getSSLParameters();
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                    tls.setSSLParameters(parameters);
                }
                tls.startHandshake();
                Certificate[] chain = tls.getSession().getPeerCertificates();
                X509Certificate leaf = (X509Certificate) chain[0];
                Instant notAfter = leaf.getNotAfter().toInstant();
                return Math.floorDiv(Duration.between(clock.instant(), notAfter).toSeconds(), 86_400L);
            }
        }
    }

    private static final class AcceptAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
