package dev.weft.shim.contract;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A contract as the router sees it: its name, the instance that serves it, its information and its
 * transaction functions by name.
 */
record ContractDefinition(
    String name,
    ContractInterface instance,
    Info info,
    Map<String, TransactionFunction> functions) {

  static ContractDefinition of(ContractInterface instance) {
    Class<?> type = instance.getClass();
    Contract contract = type.getAnnotation(Contract.class);
    if (contract == null) {
      throw new IllegalArgumentException(type.getName() + " is not annotated with @Contract");
    }
    String name = contract.name().isEmpty() ? type.getSimpleName() : contract.name();
    if (name.contains(":")) {
      throw new IllegalArgumentException("a contract name must not contain ':', got " + name);
    }
    Map<String, TransactionFunction> functions = new LinkedHashMap<>();
    Method[] methods = type.getMethods();
    java.util.Arrays.sort(methods, java.util.Comparator.comparing(Method::getName));
    for (Method method : methods) {
      Transaction transaction = method.getAnnotation(Transaction.class);
      if (transaction != null) {
        TransactionFunction function = TransactionFunction.of(method, transaction);
        if (functions.put(function.name(), function) != null) {
          throw new IllegalArgumentException(
              "contract " + name + " has two transaction functions named " + function.name());
        }
      }
    }
    return new ContractDefinition(
        name, instance, contract.info(), Collections.unmodifiableMap(functions));
  }

  boolean isDefault() {
    return instance.getClass().isAnnotationPresent(Default.class);
  }
}
