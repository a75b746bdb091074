package dev.optilock.mapping;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a key component. For a composite key, {@link #order()} gives each component's position (0, 1,
 * ...), partition columns first; {@link #clustering()} marks clustering columns, which must follow them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Key {
    int order() default 0;

    boolean clustering() default false;
}
