package ca.microcred.registry.rest;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A credential, cohort or other aggregate id as it appears in a URL: 1 to 200 characters (the contract's limit)
 * from a set that needs no escaping in a path segment. Anything else cannot name a record, so it is answered 400
 * before any lookup.
 */
@Documented
@Pattern(regexp = RecordId.PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface RecordId {

    String PATTERN = "[A-Za-z0-9._~:@+-]{1,200}";

    String message() default "must be 1 to 200 characters, each a letter, digit or one of . _ ~ : @ + -";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
