package dev.weft.shim.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a class whose {@link Transaction} methods a {@link ContractRouter} serves. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Contract {

  /** The contract's name in {@code name:function}; the class's simple name if empty. */
  String name() default "";

  /** Descriptive information for the contract metadata. */
  Info info() default @Info;
}
