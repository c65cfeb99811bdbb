package dev.weft.shim.contract;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;

/**
 * One transaction function: a public method of a contract whose first parameter is the context.
 *
 * @param name the function's name in the transaction's first argument
 * @param method the method, called with the context and the converted arguments
 * @param intent submit or evaluate, for the metadata
 */
record TransactionFunction(String name, Method method, Transaction.Intent intent) {

  static TransactionFunction of(Method method, Transaction annotation) {
    if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
      throw new IllegalArgumentException(
          "transaction function " + method + " must be a public instance method");
    }
    Class<?>[] types = method.getParameterTypes();
    if (types.length == 0 || !Context.class.isAssignableFrom(types[0])) {
      throw new IllegalArgumentException(
          "transaction function " + method + " must take the Context as its first parameter");
    }
    String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
    return new TransactionFunction(name, method, annotation.intent());
  }

  /** The parameters after the context. */
  List<Parameter> parameters() {
    Parameter[] all = method.getParameters();
    return Arrays.asList(all).subList(1, all.length);
  }
}
