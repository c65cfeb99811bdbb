package dev.weft.shim.contract;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A contract as the router sees it.
 *
 * @param name the prefix of its functions
 * @param instance the instance whose methods serve them
 * @param info its descriptive information
 * @param isDefault whether it is marked {@link Default}
 * @param functions its transaction functions by name, in name order
 */
record ContractDefinition(
    String name,
    ContractInterface instance,
    Info info,
    boolean isDefault,
    Map<String, TransactionFunction> functions) {

  /**
   * Reads a contract's annotations.
   *
   * @throws IllegalArgumentException if the class is not a valid contract
   */
  static ContractDefinition of(ContractInterface instance) {
    Class<?> type = instance.getClass();
    Contract contract = type.getAnnotation(Contract.class);
    if (contract == null) {
      throw new IllegalArgumentException(type.getName() + " is not annotated with @Contract");
    }
    String name = nameOf(type);
    if (name.isEmpty() || name.contains(":")) {
      throw new IllegalArgumentException(
          "contract " + type.getName() + " needs a name without ':', got '" + name + "'");
    }
    List<TransactionFunction> functions =
        Stream.of(type.getMethods())
            // A bridge method stands for the real one, which getMethods() also returns.
            .filter(method -> !method.isBridge() && method.isAnnotationPresent(Transaction.class))
            .map(TransactionFunction::of)
            .sorted(Comparator.comparing(TransactionFunction::name))
            .toList();
    Map<String, TransactionFunction> byName = new LinkedHashMap<>();
    for (TransactionFunction function : functions) {
      if (byName.put(function.name(), function) != null) {
        throw new IllegalArgumentException(
            "contract " + name + " has two transaction functions named " + function.name());
      }
    }
    return new ContractDefinition(
        name,
        instance,
        contract.info(),
        type.isAnnotationPresent(Default.class),
        Collections.unmodifiableMap(byName));
  }

  /** The name of a contract class: its {@link Contract#name()}, or its simple name. */
  static String nameOf(Class<?> type) {
    Contract contract = type.getAnnotation(Contract.class);
    return contract == null || contract.name().isEmpty() ? type.getSimpleName() : contract.name();
  }

  /** The function named {@code functionName}, null if the contract has none. */
  TransactionFunction function(String functionName) {
    return functions.get(functionName);
  }
}
