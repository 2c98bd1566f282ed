package dev.pitwall.system;

import jakarta.validation.ConstraintViolationException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns every error of a JSON API into {@code application/problem+json} (RFC 9457) whose
 * {@code detail} says what was wrong and where, and never shows a stack trace. Unexpected failures
 * are logged with an id that the reply carries, so an operator can find them.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid input");
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return reply(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return reply(Problems.of(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return reply(Problems.of(HttpStatus.CONFLICT, e.getMessage()));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> forbidden(RuntimeException e) {
        return reply(Problems.of(
                HttpStatus.FORBIDDEN,
                "This token lacks the scope this operation needs. Create a token with the right scope"
                        + " (ingest, read or admin) on the account page or with `pitwall token create`."));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return reply(Problems.of(HttpStatus.BAD_REQUEST, detail));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another type" : describe(e.getRequiredType());
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "Parameter '" + e.getName() + "' has the value '" + e.getValue() + "', which is not " + expected);
        problem.setProperty("field", e.getName());
        return reply(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String id = Long.toString(System.nanoTime(), 36);
        log.error("Unexpected error {} while handling an API request", id, e);
        ProblemDetail problem = Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Pitwall could not complete this request (error id " + id + "). Nothing was changed by the"
                        + " failed step; the server log has the details.");
        problem.setProperty("errorId", id);
        return reply(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BodyTooLargeException tooLarge = findCause(e, BodyTooLargeException.class);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .headers(problemHeaders())
                    .body(Problems.of(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()));
        }
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, describeUnreadable(e));
        problem.setTitle("Unreadable request body");
        JacksonException jackson = findCause(e, JacksonException.class);
        if (jackson != null && !jackson.getPath().isEmpty()) {
            problem.setProperty("field", path(jackson.getPath()));
        }
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .headers(problemHeaders())
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        String detail = errors.stream()
                .map(f -> f.get("field") + ": " + f.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, detail.isEmpty() ? "Invalid request" : detail);
        problem.setTitle("Invalid input");
        problem.setProperty("errors", errors);
        if (errors.size() == 1) {
            problem.setProperty("field", errors.getFirst().get("field"));
        }
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .headers(problemHeaders())
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> r.getMethodParameter().getParameterName() + ": " + err.getDefaultMessage()))
                .collect(Collectors.joining("; "));
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .headers(problemHeaders())
                .body(Problems.of(HttpStatus.BAD_REQUEST, detail));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String sent = e.getContentType() == null ? "no Content-Type" : "Content-Type " + e.getContentType();
        String supported =
                e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", "));
        ProblemDetail problem = Problems.of(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "This endpoint does not accept " + sent + "; send " + (supported.isEmpty() ? "JSON" : supported));
        HttpHeaders out = problemHeaders();
        out.putAll(headers);
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .headers(out)
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Everything else Spring MVC knows (405, 406, missing parameters, 404 for unknown paths…)
        // already carries a ProblemDetail; only make sure it is sent as problem+json.
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response == null) {
            return null;
        }
        HttpHeaders out = new HttpHeaders();
        out.putAll(response.getHeaders());
        out.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(response.getStatusCode()).headers(out).body(response.getBody());
    }

    private static String describeUnreadable(HttpMessageNotReadableException e) {
        ValueInstantiationException instantiation = findCause(e, ValueInstantiationException.class);
        if (instantiation != null) {
            Throwable reason = instantiation.getCause() == null ? instantiation : instantiation.getCause();
            if (reason instanceof InvalidInputException invalid) {
                return invalid.getMessage();
            }
            return "Invalid " + describe(instantiation.getType().getRawClass()) + ": " + reason.getMessage();
        }
        InvalidFormatException format = findCause(e, InvalidFormatException.class);
        if (format != null) {
            String field = path(format.getPath());
            Class<?> target = format.getTargetType();
            if (target != null && target.isEnum()) {
                String allowed = Arrays.stream(target.getEnumConstants())
                        .map(c -> c.toString().toLowerCase())
                        .collect(Collectors.joining(", "));
                return "Field '" + field + "' has the unknown value '" + format.getValue() + "'; use one of: "
                        + allowed;
            }
            return "Field '" + field + "' has the value '" + format.getValue() + "', which is not "
                    + (target == null ? "valid" : describe(target));
        }
        UnrecognizedPropertyException unknown = findCause(e, UnrecognizedPropertyException.class);
        if (unknown != null) {
            return "Unknown field '" + path(unknown.getPath()) + "'";
        }
        MismatchedInputException mismatch = findCause(e, MismatchedInputException.class);
        if (mismatch != null) {
            String field = path(mismatch.getPath());
            String expected = mismatch.getTargetType() == null ? "another type" : describe(mismatch.getTargetType());
            return field.isEmpty()
                    ? "The body must be " + expected + " (" + mismatch.getOriginalMessage() + ")"
                    : "Field '" + field + "' must be " + expected;
        }
        StreamReadException parse = findCause(e, StreamReadException.class);
        if (parse != null) {
            var at = parse.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return "The body is not valid JSON" + where + ": " + parse.getOriginalMessage();
        }
        JacksonException other = findCause(e, JacksonException.class);
        if (other != null) {
            return "The body could not be read: " + other.getOriginalMessage();
        }
        return "The request body is missing or cannot be read as JSON";
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "an RFC 3339 timestamp such as 2026-11-24T18:00:00Z";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    static String path(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static ResponseEntity<ProblemDetail> reply(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .headers(problemHeaders())
                .body(problem);
    }

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        return headers;
    }
}
