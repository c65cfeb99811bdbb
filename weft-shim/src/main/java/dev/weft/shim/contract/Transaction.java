package dev.weft.shim.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a contract as a transaction function. Its first parameter is the {@link
 * Context} (or a subclass the contract's {@link ContractInterface#createContext} returns); the
 * others are converted from the transaction's arguments, and its return value becomes the response
 * payload (see {@link ContractRouter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Transaction {

  /** Whether clients are meant to submit the transaction to the ledger or only evaluate it. */
  enum Intent {
    /** The transaction writes: clients submit it for ordering. */
    SUBMIT,
    /** The transaction only reads: clients evaluate it on a peer. */
    EVALUATE
  }

  /** Submit or evaluate; reported in the metadata, the peer does not enforce it. */
  Intent intent() default Intent.SUBMIT;

  /** The function's name; the method's name if empty. It must not contain {@code ':'}. */
  String name() default "";
}
