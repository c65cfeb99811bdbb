package dev.weft.shim.contract;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Descriptive information about a contract, reported in its metadata. */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Info {

  String title() default "";

  String description() default "";

  String version() default "";
}
