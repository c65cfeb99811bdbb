package dev.weft.shim.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A router refuses, when built, every contract it could not serve. */
class ContractDefinitionTest {

  @Contract(name = "one")
  public static final class One implements ContractInterface {
    @Transaction
    public void b(Context ctx) {}

    @Transaction(name = "a")
    public void first(Context ctx) {}

    public void notATransaction(Context ctx) {}
  }

  @Test
  void aContractHasItsAnnotatedMethodsInNameOrder() {
    ContractDefinition one = ContractDefinition.of(new One());

    assertThat(one.name()).isEqualTo("one");
    assertThat(one.functions().keySet()).containsExactly("a", "b");
    assertThat(one.function("a").method().getName()).isEqualTo("first");
    assertThat(one.function("notATransaction")).isNull();
  }

  @Test
  void atLeastOneContractIsNeeded() {
    assertThatThrownBy(ContractRouter::new)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a contract chaincode needs at least one contract");
  }

  @Test
  void aContractMustBeAnnotated() {
    ContractInterface plain = new ContractInterface() {};

    assertThatThrownBy(() -> new ContractRouter(plain))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("is not annotated with @Contract");
  }

  @Contract
  public static final class NoContext implements ContractInterface {
    @Transaction
    public String broken(String id) {
      return id;
    }
  }

  @Contract
  public static final class StaticFunction implements ContractInterface {
    @Transaction
    public static void broken(Context ctx) {}
  }

  @Test
  void aFunctionMustBeAnInstanceMethodTakingTheContextFirst() {
    assertThatThrownBy(() -> new ContractRouter(new NoContext()))
        .hasMessageEndingWith("must take the Context as its first parameter");
    assertThatThrownBy(() -> new ContractRouter(new StaticFunction()))
        .hasMessageEndingWith("must be a public instance method");
  }

  @Contract
  public static final class Overloaded implements ContractInterface {
    @Transaction
    public void put(Context ctx, String key) {}

    @Transaction
    public void put(Context ctx, String key, String value) {}
  }

  @Contract(name = "a:b")
  public static final class ColonContract implements ContractInterface {}

  @Contract
  public static final class ColonFunction implements ContractInterface {
    @Transaction(name = "x:y")
    public void f(Context ctx) {}
  }

  @Test
  void namesMustBeUniqueAndFreeOfTheSeparator() {
    assertThatThrownBy(() -> new ContractRouter(new Overloaded()))
        .hasMessage("contract Overloaded has two transaction functions named put");
    assertThatThrownBy(() -> new ContractRouter(new One(), new One()))
        .hasMessage("two contracts are named one");
    assertThatThrownBy(() -> new ContractRouter(new ColonContract()))
        .hasMessageContaining("needs a name without ':', got 'a:b'");
    assertThatThrownBy(() -> new ContractRouter(new ColonFunction()))
        .hasMessageContaining("needs a name without ':', got 'x:y'");
  }

  @Contract(name = "org.hyperledger.fabric")
  public static final class Impostor implements ContractInterface {}

  @Test
  void theSystemContractNameIsTaken() {
    assertThatThrownBy(() -> new ContractRouter(new Impostor()))
        .hasMessage("the contract name org.hyperledger.fabric is Fabric's");
  }

  @Contract
  @Default
  public static final class First implements ContractInterface {}

  @Contract
  @Default
  public static final class Second implements ContractInterface {}

  @Test
  void onlyOneContractMayBeTheDefault() {
    assertThatThrownBy(() -> new ContractRouter(new First(), new Second()))
        .hasMessage("both First and Second are marked @Default");
  }
}
