package dev.weft.shim.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link ContractInterface} class whose {@link Transaction} methods a {@link
 * ContractRouter} serves. Clients call its functions as {@code name:function}, or as {@code
 * function} alone if it is the chaincode's default contract (see {@link Default}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Contract {

  /**
   * The contract's name, the prefix of its functions; the class's simple name if empty. It must not
   * contain {@code ':'}.
   */
  String name() default "";

  /** Descriptive information, reported in the contract metadata. */
  Info info() default @Info;
}
