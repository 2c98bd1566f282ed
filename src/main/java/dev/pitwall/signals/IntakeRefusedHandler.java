package dev.pitwall.signals;

import dev.pitwall.system.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 503 with {@code Retry-After} when intake is full: senders retry, nothing of the request was stored. */
@RestControllerAdvice(
        assignableTypes = {AlertmanagerController.class, PagerDutyController.class, SignalApiController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class IntakeRefusedHandler {

    @ExceptionHandler(IntakeRefusedException.class)
    ResponseEntity<ProblemDetail> refused(IntakeRefusedException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", retryAfter(e))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(e));
    }

    static ProblemDetail problem(IntakeRefusedException e) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Intake busy");
        return problem;
    }

    static String retryAfter(IntakeRefusedException e) {
        return Long.toString(Math.max(1, e.retryAfter().toSeconds()));
    }
}
