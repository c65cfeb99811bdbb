package dev.weft.shim.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a class (typically a record) that transaction functions exchange as JSON, under {@code
 * components.schemas} of the contract metadata. It is optional: every class a transaction function
 * takes or returns is described there, by default under its simple name; the annotation is needed
 * only to give another name, for instance when two classes share a simple name.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DataType {

  /** The name in the metadata; the class's simple name if empty. */
  String name() default "";
}
