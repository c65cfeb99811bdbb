package dev.weft.peer.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.peer.config.HostPort;
import dev.weft.peer.config.OperationsConfig;
import dev.weft.peer.metrics.MetricsRegistry;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operations endpoint over real HTTP on loopback. */
class OperationsServerTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.120Z");

  private final MetricsRegistry metrics = new MetricsRegistry();
  private final AtomicReference<Optional<String>> ledger = new AtomicReference<>(Optional.empty());
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final OperationsServer server =
      OperationsServer.start(
          new OperationsConfig(new HostPort("127.0.0.1", 0)),
          metrics,
          Map.of(
              "ledger",
              ledger::get,
              "chaincode",
              () -> {
                throw new IllegalStateException("the check itself broke");
              },
              "docker",
              Optional::empty),
          new VersionInfo("1a2b3c4", "0.1.0"),
          () -> List.of("zeta:2.0", "basic:1.0"),
          this::launch,
          Clock.fixed(NOW, ZoneOffset.UTC));
  private final Map<String, CompletableFuture<String>> launches = new ConcurrentHashMap<>();

  private CompletableFuture<String> launch(String channel, String chaincode) {
    return launches.computeIfAbsent(channel + "/" + chaincode, k -> new CompletableFuture<>());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void healthzIsOkWhenEveryCheckPasses() throws Exception {
    try (OperationsServer healthy =
        OperationsServer.start(
            new OperationsConfig(new HostPort("127.0.0.1", 0)),
            metrics,
            Map.of("ledger", Optional::empty),
            new VersionInfo("", ""),
            List::of,
            this::launch,
            Clock.fixed(NOW, ZoneOffset.UTC))) {
      HttpResponse<String> response = get(healthy, "/healthz");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.body())
          .isEqualTo("{\"status\":\"OK\",\"time\":\"2026-03-04T05:06:07.12Z\"}");
    }
  }

  @Test
  void healthzIs503WithEveryFailedCheckAndItsReasonInFabricsShape() throws Exception {
    ledger.set(Optional.of("channel <mychannel> has no open ledger"));

    HttpResponse<String> response = get(server, "/healthz");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body())
        .isEqualTo(
            "{\"status\":\"Service Unavailable\",\"time\":\"2026-03-04T05:06:07.12Z\","
                + "\"failed_checks\":["
                + "{\"component\":\"chaincode\","
                + "\"reason\":\"java.lang.IllegalStateException: the check itself broke\"},"
                + "{\"component\":\"ledger\","
                + "\"reason\":\"channel \\u003cmychannel\\u003e has no open ledger\"}]}");
  }

  @Test
  void metricsServesTheRegistryInPrometheusTextFormat() throws Exception {
    metrics.counter("endorser_proposals_received", "Proposals received.").add(2);

    HttpResponse<String> response = get(server, "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .isEqualTo(
            """
            # HELP endorser_proposals_received Proposals received.
            # TYPE endorser_proposals_received counter
            endorser_proposals_received 2
            """);
  }

  @Test
  void versionAnswersInFabricsShape() throws Exception {
    HttpResponse<String> response = get(server, "/version");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo("{\"CommitSHA\":\"1a2b3c4\",\"Version\":\"0.1.0\"}");
  }

  @Test
  void thisBuildsVersionIsTheMavenProjectVersion() {
    VersionInfo version = VersionInfo.ofThisBuild();

    assertThat(version.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(new VersionInfo("", version.version()).toJson())
        .isEqualTo("{\"Version\":\"" + version.version() + "\"}");
  }

  @Test
  void anyOtherPathIs404() throws Exception {
    for (String path : new String[] {"/", "/healthz/", "/metric", "/logspec"}) {
      HttpResponse<String> response = get(server, path);

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).isEqualTo("404 page not found\n");
    }
  }

  @Test
  void anyOtherMethodIs405AndSaysGetIsAllowed() throws Exception {
    for (String path : new String[] {"/healthz", "/metrics", "/version"}) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(uri(server, path))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(path).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }
    HttpResponse<String> delete =
        client.send(
            HttpRequest.newBuilder(uri(server, "/metrics")).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(delete.statusCode()).isEqualTo(405);
  }

  @Test
  void itListensOnLoopbackOnThePortTheSystemChose() {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(server.address().getPort()).isPositive();
  }

  @Test
  void aTakenAddressIsRefusedWithTheSettingThatChangesIt() {
    OperationsConfig taken =
        new OperationsConfig(new HostPort("127.0.0.1", server.address().getPort()));

    assertThatThrownBy(
            () ->
                OperationsServer.start(
                    taken,
                    metrics,
                    Map.of(),
                    new VersionInfo("", ""),
                    List::of,
                    this::launch,
                    Clock.systemUTC()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith(
            "cannot serve the operations endpoint on 127.0.0.1:" + server.address().getPort())
        .hasMessageContaining("operations.listenAddress (WEFT_OPERATIONS_LISTENADDRESS)");
  }

  @Test
  void chaincodesListsTheConnectedChaincodesSorted() throws Exception {
    HttpResponse<String> response = get(server, "/chaincodes");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"chaincodes\":[\"basic:1.0\",\"zeta:2.0\"]}\n");
  }

  @Test
  void launchAnswersWhenTheChaincodeIsReadyWithTheIdItRegisteredWith() throws Exception {
    CompletableFuture<HttpResponse<String>> response =
        post(server, "/chaincodes/launch?channel=mychannel&name=asset%20transfer");
    for (int i = 0; i < 500 && !launches.containsKey("mychannel/asset transfer"); i++) {
      Thread.sleep(10);
    }
    // Answered only once the launch completes; meanwhile other requests are served.
    assertThat(get(server, "/chaincodes").statusCode()).isEqualTo(200);
    assertThat(response).isNotDone();
    launch("mychannel", "asset transfer").complete("asset_1.0:ab12");

    assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(response.get().body()).isEqualTo("{\"chaincode\":\"asset_1.0:ab12\"}\n");
  }

  @Test
  void aFailedLaunchIs500WithItsReason() throws Exception {
    launch("mychannel", "asset")
        .completeExceptionally(new IllegalStateException("package asset_1.0:ab12 failed to build"));

    HttpResponse<String> response =
        post(server, "/chaincodes/launch?channel=mychannel&name=asset").get(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .isEqualTo("{\"error\":\"package asset_1.0:ab12 failed to build\"}\n");
  }

  @Test
  void aLaunchMustNameChannelAndChaincodeAndBeAPost() throws Exception {
    HttpResponse<String> unnamed =
        post(server, "/chaincodes/launch?channel=mychannel").get(10, TimeUnit.SECONDS);
    HttpResponse<String> got = get(server, "/chaincodes/launch?channel=mychannel&name=asset");

    assertThat(unnamed.statusCode()).isEqualTo(400);
    assertThat(unnamed.body()).contains("?channel=CHANNEL\\u0026name=NAME");
    assertThat(got.statusCode()).isEqualTo(405);
    assertThat(got.headers().firstValue("Allow")).hasValue("POST");
    assertThat(launches).doesNotContainKey("mychannel/asset");
  }

  @Test
  void aLaunchFromAWebPageIsRefused() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri(server, "/chaincodes/launch?channel=mychannel&name=asset"))
                .header("Origin", "https://example.org")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(launches).doesNotContainKey("mychannel/asset");
  }

  private CompletableFuture<HttpResponse<String>> post(OperationsServer target, String path) {
    return client.sendAsync(
        HttpRequest.newBuilder(uri(target, path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(OperationsServer target, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(target, path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(OperationsServer target, String path) {
    return URI.create("http://127.0.0.1:" + target.address().getPort() + path);
  }
}
