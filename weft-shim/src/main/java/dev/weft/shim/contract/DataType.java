package dev.weft.shim.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class (typically a record) exchanged as JSON by transaction functions; it is described
 * under {@code components.schemas} in the contract metadata. Unmarked classes are still converted.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DataType {}
