package dev.pitwall.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors that never reached a controller (an unknown path, a failure in a filter) still answer
 * JSON clients with {@code application/problem+json}; browsers get the HTML error page.
 */
@Controller
@ConditionalOnWebApplication
@RequestMapping("${server.error.path:/error}")
class ProblemErrorController extends BasicErrorController {

    ProblemErrorController(ErrorAttributes errorAttributes, List<ErrorViewResolver> resolvers) {
        super(errorAttributes, neverDetailed(), resolvers);
    }

    private static ErrorProperties neverDetailed() {
        ErrorProperties properties = new ErrorProperties();
        properties.setIncludeStacktrace(ErrorProperties.IncludeAttribute.NEVER);
        properties.setIncludeMessage(ErrorProperties.IncludeAttribute.NEVER);
        properties.setIncludeException(false);
        return properties;
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        Map<String, Object> attributes = getErrorAttributes(request, ErrorAttributeOptions.defaults());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail(status, attributes));
        problem.put("instance", attributes.getOrDefault("path", request.getRequestURI()));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String detail(HttpStatus status, Map<String, Object> attributes) {
        return switch (status) {
            case NOT_FOUND ->
                "There is no endpoint at " + attributes.get("path") + "; the API is described at /api/v1/openapi.json";
            case METHOD_NOT_ALLOWED -> "This endpoint does not accept that HTTP method";
            case INTERNAL_SERVER_ERROR -> "Pitwall could not complete this request; the server log has the details";
            default -> status.getReasonPhrase();
        };
    }
}
