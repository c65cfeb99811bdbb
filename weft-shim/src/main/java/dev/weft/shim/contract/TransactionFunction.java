package dev.weft.shim.contract;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.List;

/**
 * One transaction function: a public instance method of a contract whose first parameter is the
 * context.
 *
 * @param name the function's name, the transaction's first argument after the contract prefix
 * @param intent submit or evaluate, for the metadata
 * @param method the method, called with the context and the converted arguments
 * @param contextType the type of the method's first parameter
 * @param parameters the method's parameters after the context, one per argument
 */
record TransactionFunction(
    String name,
    Transaction.Intent intent,
    Method method,
    Class<?> contextType,
    List<Parameter> parameters) {

  /**
   * Reads a method annotated with {@link Transaction}.
   *
   * @throws IllegalArgumentException if it cannot be a transaction function
   */
  static TransactionFunction of(Method method) {
    Transaction annotation = method.getAnnotation(Transaction.class);
    if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
      throw new IllegalArgumentException(
          "transaction function " + method + " must be a public instance method");
    }
    Parameter[] all = method.getParameters();
    if (all.length == 0 || !Context.class.isAssignableFrom(all[0].getType())) {
      throw new IllegalArgumentException(
          "transaction function " + method + " must take the Context as its first parameter");
    }
    String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
    if (name.contains(":")) {
      throw new IllegalArgumentException(
          "transaction function " + method + " needs a name without ':', got '" + name + "'");
    }
    try {
      // Lets a contract class that is not public (a nested or package-private one) be called.
      method.setAccessible(true);
    } catch (RuntimeException e) {
      // Inaccessible in a named module: invoke() reports it if the method cannot be called.
    }
    return new TransactionFunction(
        name, annotation.intent(), method, all[0].getType(), List.of(all).subList(1, all.length));
  }

  /**
   * Calls the function.
   *
   * @throws InvocationTargetException wrapping what the function threw
   */
  Object invoke(ContractInterface contract, Context ctx, Object[] arguments)
      throws InvocationTargetException {
    if (!contextType.isInstance(ctx)) {
      throw new IllegalStateException(
          "function "
              + name
              + " takes a "
              + contextType.getName()
              + " but createContext returned a "
              + ctx.getClass().getName());
    }
    Object[] all = new Object[arguments.length + 1];
    all[0] = ctx;
    System.arraycopy(arguments, 0, all, 1, arguments.length);
    try {
      return method.invoke(contract, all);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + method + ": " + e.getMessage(), e);
    }
  }
}
