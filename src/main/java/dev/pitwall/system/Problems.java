package dev.pitwall.system;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details for places outside Spring MVC's exception handling: servlet filters and
 * security entry points.
 */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        return problem;
    }

    /** Writes a problem detail by hand; filters run before message converters exist. */
    public static void write(HttpServletResponse response, HttpStatus status, String detail, String extraHeader)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        if (extraHeader != null) {
            int colon = extraHeader.indexOf(':');
            response.setHeader(
                    extraHeader.substring(0, colon),
                    extraHeader.substring(colon + 1).trim());
        }
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":" + json(status.getReasonPhrase()) + ",\"status\":"
                        + status.value() + ",\"detail\":" + json(detail) + "}");
    }

    static String json(String text) {
        return FlatJson.htmlSafeString(text);
    }
}
