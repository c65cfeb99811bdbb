package dev.weft.shim.contract;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Descriptive information about a contract, reported in the {@code info} objects of the contract
 * metadata. Empty values are left out of the metadata, except title and version, which Fabric's
 * metadata schema requires.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Info {

  /** A short title. */
  String title() default "";

  /** What the contract is for. */
  String description() default "";

  /** The contract's version. */
  String version() default "";

  /** Terms of service, or where to find them. */
  String termsOfService() default "";

  /** Under which license the contract is published. */
  License license() default @License;

  /** Whom to contact about the contract. */
  Contact contact() default @Contact;

  /** A license: its name and where to read it. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({})
  @interface License {

    /** The license's name, for instance {@code Apache-2.0}. */
    String name() default "";

    /** Where the license text is. */
    String url() default "";
  }

  /** Contact details of a contract's maintainers. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({})
  @interface Contact {

    /** A person's or team's name. */
    String name() default "";

    /** A web page. */
    String url() default "";

    /** An e-mail address. */
    String email() default "";
  }
}
