package dev.weft.shim.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a contract method as a transaction function. Its first parameter is the {@link Context};
 * the others are converted from the transaction's string arguments, and its return value becomes
 * the response payload.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Transaction {

  /** Whether clients submit the transaction to the ledger or only evaluate it. */
  enum Intent {
    SUBMIT,
    EVALUATE
  }

  Intent intent() default Intent.SUBMIT;

  /** The function's name; the method's name if empty. */
  String name() default "";
}
