package io.leadflow.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A point in time a person could mean: not before 2000 and at most {@link #daysAhead()} days from
 * now. ISO-8601 reaches year ±999999999, and such a date overflows every duration computed from it
 * (Quality of Engagement, routing) or the database's timestamp.
 */
@Documented
@Constraint(validatedBy = PlausibleTime.Check.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlausibleTime {

	OffsetDateTime EARLIEST = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

	/** How far into the future the time may lie. */
	int daysAhead();

	String message() default "must lie between 2000-01-01 and {daysAhead} days from now";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Check implements ConstraintValidator<PlausibleTime, OffsetDateTime> {

		private int daysAhead;

		@Override
		public void initialize(PlausibleTime annotation) {
			this.daysAhead = annotation.daysAhead();
		}

		@Override
		public boolean isValid(OffsetDateTime value, ConstraintValidatorContext context) {
			return value == null || !value.isBefore(EARLIEST)
					&& !value.isAfter(EngineClock.nowUtc().plusDays(daysAhead));
		}

	}

}
