package io.plasmanode.node.explorer;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.api.FeeStatus;
import io.plasmanode.node.api.OperatorStatus;
import io.plasmanode.p2p.rpc.WebContentType;
import io.plasmanode.p2p.rpc.WebResponse;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The operator's explorer over an in-memory chain (a deposit, a block with a transfer): routing,
 * what each page shows, the search's redirects and messages, and that nothing a request holds is
 * written back unescaped.
 */
class ExplorerPagesTest {
  private static final Address CONTRACT =
      Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  private static final Eip712Domain DOMAIN = new Eip712Domain(CONTRACT, 1337);
  private static final Instant CLOSED_AT = Instant.parse("2026-01-02T03:04:05Z");
  private static final String SCRIPT = "<script>alert(1)</script>";

  private final ChainStore chain = new ChainStore(new InMemoryKeyValueStore());
  private final SignedTransaction transfer = closeBlockWithTransfer();
  private final String txHash =
      StoredBlock.of(1000, List.of(transfer), CLOSED_AT).transactions().get(0).txHash().toHex();
  private final ExplorerPages pages =
      ExplorerPages.operator(
          chain,
          this::status,
          DOMAIN,
          new BouncyCastleSignerRecovery(),
          Clock.fixed(CLOSED_AT, ZoneOffset.UTC));

  private SignedTransaction closeBlockWithTransfer() {
    UtxoPos deposit = new UtxoPos(1, 0, 0);
    chain.applyDeposit(new Utxo(deposit, new Output(ALICE.address(), Address.ZERO, eth(3))), 7);
    SignedTransaction signed =
        new TransactionSigner(DOMAIN)
            .sign(
                PaymentTransaction.transfer(
                    List.of(deposit),
                    List.of(
                        new Output(BOB.address(), Address.ZERO, eth(2)),
                        new Output(ALICE.address(), Address.ZERO, eth(1)))),
                List.of(ALICE));
    PendingBlock block = new PendingBlock(chain, 1000);
    VerifiedTransaction verified =
        new SignatureChecker(DOMAIN, new BouncyCastleSignerRecovery())
            .recoverSigners(signed)
            .map(signers -> new VerifiedTransaction(signed, signers))
            .get();
    assertThat(block.add(verified).isValid()).isTrue();
    chain.commitBlock(StoredBlock.of(1000, List.of(signed), CLOSED_AT), block.delta());
    return signed;
  }

  private static BigInteger eth(long ether) {
    return BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(ether));
  }

  private OperatorStatus status() {
    return new OperatorStatus(
        chain.height(),
        0,
        7,
        9,
        0,
        2000,
        CONTRACT,
        1337,
        List.of(),
        Optional.empty(),
        FeeStatus.NONE);
  }

  private WebResponse get(String path) {
    return pages.get(path, Map.of());
  }

  private static String body(WebResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void home_listsTheLatestBlocks_withTheirCommitStatus() {
    WebResponse home = get("/explorer/");

    assertThat(home.status()).isEqualTo(200);
    assertThat(home.type()).isEqualTo(WebContentType.HTML);
    assertThat(body(home))
        .startsWith("<!DOCTYPE html>")
        .contains("data-blknum=\"1000\"")
        .contains("<a href=\"/explorer/block/1000\">1000</a>")
        .contains(chain.blockHeader(1000).orElseThrow().root().toHex())
        .contains("pending")
        .contains("2026-01-02 03:04:05 UTC");
  }

  @Test
  void bareprefix_redirectsToTheHomePage() {
    WebResponse response = get("/explorer");

    assertThat(response.status()).isEqualTo(303);
    assertThat(response.location()).hasValue("/explorer/");
  }

  @Test
  void transaction_showsPositionSignersOutputsAndTheirStatus() {
    String page = body(get("/explorer/tx/" + txHash));

    assertThat(page)
        .contains("<dd data-fact=\"Position\">1000000000</dd>")
        .contains("href=\"/explorer/address/" + ALICE.address().toHex() + "\"")
        .contains("href=\"/explorer/position/1000000</a>".replace("</a>", "\""))
        .contains("2000000000000000000")
        .contains("unspent")
        .doesNotContain("data-fact=\"Fee\"");
    assertThat(page.indexOf("id=\"signers\"")).isPositive();
  }

  @Test
  void feeClaim_isNamedAsSuch_andAFeePayingTransfer_showsItsFee() {
    BigInteger fee = BigInteger.valueOf(1_000_000_000_000L);
    SignedTransaction paying =
        new TransactionSigner(DOMAIN)
            .sign(
                PaymentTransaction.transfer(
                    List.of(new UtxoPos(1000, 0, 1)),
                    List.of(new Output(BOB.address(), Address.ZERO, eth(1).subtract(fee)))),
                List.of(ALICE));
    PendingBlock block = new PendingBlock(chain, 2000);
    assertThat(block.add(new VerifiedTransaction(paying, List.of(ALICE.address()))).isValid())
        .isTrue();
    PaymentTransaction claim = block.feeClaims(CONTRACT).get(0);
    assertThat(block.add(VerifiedTransaction.feeClaim(claim)).isValid()).isTrue();
    StoredBlock stored =
        StoredBlock.of(2000, List.of(paying, new SignedTransaction(claim, List.of())), CLOSED_AT);
    chain.commitBlock(stored, block.delta());

    String payingPage = body(get("/explorer/tx/" + stored.transactions().get(0).txHash().toHex()));
    String claimPage = body(get("/explorer/tx/" + stored.transactions().get(1).txHash().toHex()));

    assertThat(payingPage)
        .contains("data-fact=\"Fee\"")
        .contains("1000000000000")
        .contains(">payment<");
    assertThat(claimPage)
        .contains("fee claim: the fees this block collected, to the claimer")
        .contains("href=\"/explorer/address/" + CONTRACT.toHex() + "\"")
        .contains("1000000000000")
        .doesNotContain("data-fact=\"Fee\"");
  }

  @Test
  void position_ofAnOutput_andOfASpentDeposit() {
    assertThat(body(get("/explorer/position/1000000001")))
        .contains(
            "<dd data-fact=\"Owner\"><a class=\"hex\" href=\"/explorer/address/"
                + ALICE.address().toHex());
    assertThat(get("/explorer/position/1000000").status())
        .as("a spent deposit's output is no longer kept")
        .isEqualTo(404);
  }

  @Test
  void address_showsBalanceUtxosAndHistory() {
    String page = body(get("/explorer/address/" + BOB.address().toHex()));

    assertThat(page)
        .contains("id=\"balances\"")
        .contains("2 ETH")
        .contains("href=\"/explorer/position/1000000000\"")
        .contains("id=\"history\"")
        .contains(txHash)
        .contains("The operator does not follow exits");
  }

  @Test
  void search_redirectsToEachKind() {
    assertThat(search("1000").location()).hasValue("/explorer/block/1000");
    assertThat(search(txHash).location()).hasValue("/explorer/tx/" + txHash);
    assertThat(search(" " + ALICE.address().toChecksumHex() + " ").location())
        .hasValue("/explorer/address/" + ALICE.address().toHex());
    assertThat(search("1000000001").location()).hasValue("/explorer/position/1000000001");
  }

  @Test
  void search_withNothingToFind_saysWhy() {
    WebResponse unknownTx = search("0x" + "ab".repeat(32));
    assertThat(unknownTx.status()).isEqualTo(404);
    assertThat(body(unknownTx)).contains("No transaction 0x" + "ab".repeat(32));

    WebResponse bad = search("hello");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(body(bad)).contains("Not a block number, a transaction hash");
  }

  @Test
  void search_echoesTheQueryEscaped_neverAsMarkup() {
    WebResponse bad = search(SCRIPT + "\"'><img src=x onerror=alert(1)>");

    String page = body(bad);
    assertThat(page).doesNotContain("<script>alert").doesNotContain("<img");
    assertThat(page)
        .contains(
            "value=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x"
                + " onerror=alert(1)&gt;\"");
  }

  @Test
  void paths_withMarkup_getNotFound_withTheMarkupEscaped() {
    for (String path :
        List.of(
            "/explorer/" + SCRIPT,
            "/explorer/address/" + SCRIPT,
            "/explorer/tx/" + SCRIPT,
            "/explorer/block/" + SCRIPT,
            "/explorer/static/" + SCRIPT)) {
      WebResponse response = get(path);

      assertThat(response.status()).as(path).isEqualTo(404);
      assertThat(body(response)).as(path).doesNotContain("<script>alert");
    }
    assertThat(body(get("/explorer/" + SCRIPT))).contains("&lt;script&gt;alert(1)");
  }

  @Test
  void unknownBlockAndTransaction_areNotFound() {
    assertThat(get("/explorer/block/5000").status()).isEqualTo(404);
    assertThat(get("/explorer/tx/0x" + "cd".repeat(32)).status()).isEqualTo(404);
    assertThat(body(get("/explorer/block/5000"))).contains("No block 5000 in this chain.");
  }

  @Test
  void historyCursor_notMadeByTheExplorer_isRefused() {
    WebResponse response =
        pages.get("/explorer/address/" + BOB.address().toHex(), Map.of("cursor", List.of(SCRIPT)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(body(response)).contains("history cursor").doesNotContain("<script>alert");
  }

  @Test
  void assets_areServedWithTheirFixedTypes_andNothingElse() {
    assertThat(get("/explorer/static/explorer.css").type()).isEqualTo(WebContentType.CSS);
    assertThat(get("/explorer/static/explorer.js").type()).isEqualTo(WebContentType.JAVASCRIPT);
    assertThat(get("/explorer/static/../explorer.css").status()).isEqualTo(404);
    assertThat(get("/explorer/static/Html.class").status()).isEqualTo(404);
  }

  @Test
  void head_isTheLiveToken_thatMovesWithTheChain() {
    WebResponse head = get("/explorer/head");

    assertThat(head.type()).isEqualTo(WebContentType.TEXT);
    assertThat(body(head)).isEqualTo("1000-0");
    assertThat(body(get("/explorer/"))).contains("data-live=\"1000-0\"");
  }

  @Test
  void everyPage_loadsOnlyThisServersScriptAndStyle() {
    String page = body(get("/explorer/"));

    assertThat(page)
        .contains("<script src=\"/explorer/static/explorer.js\" defer=\"defer\"></script>")
        .contains("href=\"/explorer/static/explorer.css\"")
        .doesNotContain("http://")
        .doesNotContain("https://")
        .doesNotContain(" style=")
        .doesNotContain(" onclick=");
  }

  @Test
  void rateLimited_isAnExplorerPage_withTheLayoutAndWhatHappened_still429() {
    WebResponse limited = pages.rateLimited();

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.type()).isEqualTo(WebContentType.HTML);
    assertThat(body(limited))
        .startsWith("<!DOCTYPE html>")
        .contains("<title>Too many requests · Plasma operator explorer</title>")
        .contains("<a class=\"brand\" href=\"/explorer/\">Plasma explorer</a>")
        .contains("<form action=\"/explorer/search\"")
        .contains("<h1>Too many requests</h1>")
        .contains("rate limit allows (HTTP 429)")
        .contains("data-live=\"\"")
        .contains("<script src=\"/explorer/static/explorer.js\"");
  }

  private WebResponse search(String query) {
    return pages.get("/explorer/search", Map.of("q", List.of(query)));
  }
}
