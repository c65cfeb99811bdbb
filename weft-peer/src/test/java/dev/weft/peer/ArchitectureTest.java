package dev.weft.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The arrows of docs/architecture.md: which component package may use which. A package may use what
 * its arrows reach, directly or through other packages; msp, policy, config and metrics are used by
 * all and use nothing above them; operations uses only those; channel (a channel's organisations,
 * MSPs and policies) uses only those; nothing uses node.
 */
class ArchitectureTest {

  private static final String ROOT = "dev.weft.peer.";
  private static final Set<String> BASE = Set.of("msp", "policy", "config", "metrics", "json");

  /** For each component, everything it may use besides itself and the base packages. */
  private static final Map<String, Set<String>> MAY_USE =
      Map.ofEntries(
          Map.entry(
              "node",
              Set.of(
                  "gateway",
                  "endorser",
                  "chaincode",
                  "ledger",
                  "ordering",
                  "commit",
                  "lifecycle",
                  "channel",
                  "deliver",
                  "operations")),
          Map.entry(
              "gateway",
              Set.of("endorser", "chaincode", "ledger", "ordering", "commit", "channel")),
          Map.entry("endorser", Set.of("chaincode", "ledger", "channel")),
          Map.entry("chaincode", Set.of("ledger")),
          Map.entry("ordering", Set.of("commit", "ledger", "channel", "deliver")),
          Map.entry("commit", Set.of("ledger", "channel")),
          Map.entry("lifecycle", Set.of("chaincode", "ledger", "channel")),
          Map.entry("ledger", Set.of()),
          Map.entry("channel", Set.of()),
          Map.entry("deliver", Set.of("ledger", "channel")),
          Map.entry("policy", Set.of("msp", "config")),
          Map.entry("msp", Set.of("config")),
          Map.entry("config", Set.of()),
          Map.entry("metrics", Set.of()),
          Map.entry("json", Set.of()),
          Map.entry("operations", Set.of()));

  @Test
  void componentsUseOnlyWhatTheirArrowsAllow() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.weft.peer");
    assertThat(classes).isNotEmpty();

    Set<String> violations = new TreeSet<>();
    for (var javaClass : classes) {
      String from = component(javaClass.getPackageName());
      for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
        String to = component(dependency.getTargetClass().getPackageName());
        if (from == null || to == null || from.equals(to)) {
          continue;
        }
        Set<String> allowed = MAY_USE.get(from);
        boolean ok =
            allowed != null
                && (allowed.contains(to) || (BASE.contains(to) && !BASE.contains(from)));
        if (!ok) {
          violations.add(from + " -> " + to + ": " + dependency.getDescription());
        }
      }
    }
    assertThat(violations).as("dependencies against the architecture").isEmpty();
  }

  @Test
  void everyComponentPackageIsKnown() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.weft.peer");
    for (var javaClass : classes) {
      assertThat(MAY_USE).containsKey(component(javaClass.getPackageName()));
    }
  }

  /** The component a package belongs to: the segment after dev.weft.peer. */
  private static String component(String packageName) {
    if (!packageName.startsWith(ROOT)) {
      return null;
    }
    String rest = packageName.substring(ROOT.length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }
}
