package io.plasmanode.node.explorer;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.node.testing.OperatorSetup;
import io.plasmanode.node.testing.OperatorView.Submitted;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.WatcherView;
import io.plasmanode.node.watcher.WatcherNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The explorer in a real browser (headless Chromium through Selenium) against a real operator and
 * watcher (anvil, LevelDB, Netty on 127.0.0.1): after a deposit, a transfer, a standard exit and an
 * invalid exit (of a spent deposit), each page shows what the nodes' JSON-RPC APIs say, the search
 * box finds a block, a transaction, an address and a position and says clearly what is wrong with a
 * bad query (a script in it stays text), and the latest blocks follow a new block without a reload.
 * A screenshot of every page is saved under target/explorer-screenshots/.
 */
class ExplorerBrowserIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final UtxoPos DEPOSIT_1 = new UtxoPos(1, 0, 0);
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);
  private static final String XSS = "<script>alert('xss')</script>\"><img src=x onerror=alert(1)>";

  @RegisterExtension
  final PlasmaNetwork net = PlasmaNetwork.builder().operator(OPERATOR).fund(TestKeys.ALL).build();

  @TempDir Path profile;

  private ChromeDriver browser;
  private final List<Path> screenshots = new ArrayList<>();

  @AfterEach
  void quit() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void explorer_showsWhatJsonRpcSays_findsEachKind_andFollowsNewBlocks() {
    browser = Chromium.start(profile);
    OperatorNode operator = net.startOperator(setup -> OperatorSetup.quick());
    WatcherNode watcher = net.startWatcher(PlasmaNetwork.rpcUrl(operator), setup -> setup);
    Scenario users = net.scenario(PlasmaNetwork.rpcUrl(operator));
    users.depositCredited(ALICE, ONE_ETH.multiply(BigInteger.TWO));
    Submitted paid =
        users
            .operator()
            .submitWhenAccepted(
                users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH), eth(ALICE, ONE_ETH)));
    users.awaitCommitted(1000);
    users.startExit(BOB, paid.output(0));
    await("the watcher to follow Bob's exit", () -> watcher.status().exitsTracked() == 1);
    String site = "http://127.0.0.1:" + operator.rpcPort() + "/explorer/";
    String watcherSite = "http://127.0.0.1:" + watcher.rpcPort() + "/explorer/";

    latestBlocks(users, site);
    transaction(users, site, paid);
    address(users, site);
    search(site, paid);
    badSearch(site);
    watcherPages(watcherSite, paid);
    invalidExit(users, watcher, watcherSite);
    followsNewBlocks(users, site, paid);
    assertThat(screenshots).allSatisfy(file -> assertThat(file).isNotEmptyFile());
  }

  /** The home page's row of block 1000 is plasma_getBlock's. */
  private void latestBlocks(Scenario users, String site) {
    JsonNode block = users.operator().rpc().call("plasma_getBlock", 1000);
    open(site, "operator-overview");
    WebElement row = browser.findElement(By.cssSelector("#blocks tr[data-blknum='1000']"));
    List<WebElement> cells = row.findElements(By.tagName("td"));
    assertThat(cells.get(0).getText()).isEqualTo("1000");
    assertThat(cells.get(1).getText()).isEqualTo(block.get("txCount").asText());
    assertThat(cells.get(2).getText()).isEqualTo(block.get("root").asText());
    assertThat(cells.get(4).getText())
        .isEqualTo("committed in L1 tx " + block.get("commit").get("l1TxHash").asText());
    assertThat(fact("Height")).isEqualTo(users.operator().status().get("height").asText());
    assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("operator");

    open(site + "status", "operator-status");
    JsonNode status = users.operator().status();
    assertThat(fact("Last committed block")).isEqualTo(status.get("lastCommittedBlock").asText());
    assertThat(fact("Contract")).isEqualTo(status.get("contract").asText());
    open(site + "exits", "operator-exits");
    assertThat(browser.findElement(By.className("none")).getText())
        .startsWith("The operator does not follow exits");

    browser.get(site);
    browser.findElement(By.cssSelector("#blocks tr[data-blknum='1000'] a")).click();
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Block 1000");
    assertThat(fact("Root")).isEqualTo(block.get("root").asText());
    List<String> hashes =
        browser.findElements(By.cssSelector("#block-txs td a")).stream()
            .map(WebElement::getText)
            .toList();
    List<String> served = new ArrayList<>();
    block.get("transactions").forEach(hash -> served.add(hash.asText()));
    assertThat(hashes).isEqualTo(served);
    screenshot("operator-block");
  }

  /** The transfer's page is plasma_getTransaction's, with Alice as its signer. */
  private void transaction(Scenario users, String site, Submitted paid) {
    JsonNode tx = users.operator().rpc().call("plasma_getTransaction", paid.txHash());
    open(site + "tx/" + paid.txHash(), "operator-transaction");
    assertThat(fact("Hash")).isEqualTo(tx.get("txHash").asText());
    assertThat(fact("Block")).isEqualTo(tx.get("blknum").asText());
    assertThat(fact("Index")).isEqualTo(tx.get("txIndex").asText());
    assertThat(fact("Position")).isEqualTo(String.valueOf(paid.output(0).toLong()));
    assertThat(fact("Signers")).isEqualTo(ALICE.address().toHex());
    assertThat(browser.findElements(By.cssSelector("dd[data-fact='Fee']")))
        .as("no fee shown: the deposit it spends is no longer kept")
        .isEmpty();
    List<WebElement> inputs = browser.findElements(By.cssSelector("#tx-inputs tbody tr"));
    assertThat(inputs).hasSize(tx.get("inputs").size());
    assertThat(inputs.get(0).findElement(By.tagName("td")).getText())
        .isEqualTo(tx.get("inputs").get(0).asText());
    List<WebElement> outputs = browser.findElements(By.cssSelector("#tx-outputs tbody tr"));
    assertThat(outputs).hasSize(tx.get("outputs").size());
    for (int i = 0; i < outputs.size(); i++) {
      List<WebElement> cells = outputs.get(i).findElements(By.tagName("td"));
      JsonNode output = tx.get("outputs").get(i);
      assertThat(cells.get(1).getText()).isEqualTo(output.get("owner").asText());
      assertThat(cells.get(2).getText()).isEqualTo("ETH");
      assertThat(cells.get(3).findElement(By.className("amount")).getText())
          .isEqualTo(output.get("amount").asText());
    }
    assertThat(outputs.get(0).findElements(By.tagName("td")).get(4).getText())
        .startsWith("exiting");
    assertThat(outputs.get(1).findElements(By.tagName("td")).get(4).getText()).isEqualTo("unspent");
  }

  /** Alice's page: plasma_getBalance and plasma_getUtxos. */
  private void address(Scenario users, String site) {
    String alice = ALICE.address().toHex();
    JsonNode balance = users.operator().rpc().call("plasma_getBalance", alice);
    JsonNode utxos = users.operator().rpc().call("plasma_getUtxos", alice);
    open(site + "address/" + alice, "operator-address");
    List<WebElement> balances = browser.findElements(By.cssSelector("#balances tbody tr"));
    assertThat(balances).hasSize(balance.size());
    assertThat(balances.get(0).findElement(By.className("amount")).getText())
        .isEqualTo(balance.get(0).get("amount").asText());
    List<String> positions =
        browser.findElements(By.cssSelector("#utxos tbody tr td:first-child")).stream()
            .map(WebElement::getText)
            .toList();
    List<String> served = new ArrayList<>();
    utxos.forEach(utxo -> served.add(utxo.get("utxoPos").asText()));
    assertThat(positions).isEqualTo(served);
    JsonNode history = users.operator().rpc().call("plasma_getTransactions", alice);
    List<String> shown =
        browser.findElements(By.cssSelector("#history tbody tr td:first-child")).stream()
            .map(WebElement::getText)
            .toList();
    List<String> listed = new ArrayList<>();
    history
        .get("transactions")
        .forEach(
            item ->
                listed.add(
                    item.get("deposit").asBoolean() ? "deposit" : item.get("txHash").asText()));
    assertThat(shown).hasSize(2).isEqualTo(listed);
  }

  /** The search box finds a block, a transaction, an address and a position. */
  private void search(String site, Submitted paid) {
    open(site, "operator-search-start");
    searchFor("1000");
    assertThat(title()).isEqualTo("Block 1000");
    searchFor(paid.txHash());
    assertThat(title()).isEqualTo("Transaction " + paid.txHash());
    searchFor(ALICE.address().toChecksumHex());
    assertThat(title()).isEqualTo("Address " + ALICE.address().toHex());
    searchFor(String.valueOf(paid.output(1).toLong()));
    assertThat(title()).isEqualTo("Position " + paid.output(1).toLong());
    assertThat(fact("Owner")).isEqualTo(ALICE.address().toHex());
    assertThat(fact("Status")).isEqualTo("unspent");
    screenshot("operator-position");
  }

  /** A bad query gets a clear message; the script in it is shown as text, never run. */
  private void badSearch(String site) {
    searchFor("hello");
    assertThat(browser.findElement(By.id("message")).getText())
        .startsWith("Not a block number, a transaction hash");
    searchFor("0x1234");
    assertThat(browser.findElement(By.id("message")).getText())
        .contains("64 hex digits")
        .contains("40 hex digits");
    searchFor(XSS);
    assertThat(browser.findElement(By.id("message")).getText()).startsWith("Not a block number");
    assertThat(browser.findElement(By.id("search")).getAttribute("value")).isEqualTo(XSS);
    assertThat(browser.findElements(By.tagName("img"))).isEmpty();
    assertNoAlert();
    screenshot("operator-search-error");
    browser.get(site + "address/" + XSS.replace("'", "%27"));
    assertThat(browser.findElement(By.id("message")).getText()).startsWith("Not a block number");
    assertThat(browser.findElements(By.tagName("img"))).isEmpty();
    assertNoAlert();
    screenshot("operator-not-found");
  }

  /** The watcher's exits and status pages: Bob's exit as L1 started it; validated height. */
  private void watcherPages(String site, Submitted paid) {
    open(site + "exits", "watcher-exits");
    WebElement exit = browser.findElement(By.cssSelector("#standard-exits tbody tr"));
    List<WebElement> cells = exit.findElements(By.tagName("td"));
    assertThat(cells.get(0).getText()).isEqualTo(String.valueOf(paid.output(0).toLong()));
    assertThat(cells.get(1).getText()).isEqualTo(BOB.address().toHex());
    assertThat(cells.get(3).findElement(By.className("amount")).getText())
        .isEqualTo(ONE_ETH.toString());
    assertThat(cells.get(4).getText()).isEqualTo("active");
    assertThat(cells.get(5).getText()).contains("UTC (in ");
    assertThat(cells.get(6).getText()).isEqualTo("none (valid)");
    open(site + "address/" + BOB.address().toHex(), "watcher-address");
    assertThat(browser.findElements(By.cssSelector("#standard-exits tbody tr"))).hasSize(1);
    open(site + "status", "watcher-status");
    assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("watcher");
    assertThat(fact("Validated height")).isEqualTo("1000");
    assertThat(fact("Exits followed")).isEqualTo("1");
    assertThat(browser.findElement(By.id("active-events")).getText())
        .isEqualTo("No active event: nothing to do.");
    open(site, "watcher-overview");
    assertThat(
            browser
                .findElement(By.cssSelector("#blocks tr[data-blknum='1000'] td.commit"))
                .getText())
        .isEqualTo("committed (root read from L1)");
  }

  /**
   * Alice exits her deposit, which she spent: the watcher (without a challenger key) reports it,
   * and its status page says what to do, as watcher_status does; the exits page marks the exit.
   */
  private void invalidExit(Scenario users, WatcherNode watcher, String site) {
    users.exitDeposit(ALICE, DEPOSIT_1, ONE_ETH.multiply(BigInteger.TWO));
    await("invalid_exit reported", () -> WatcherView.eventTypes(watcher).contains("invalid_exit"));
    JsonNode event = WatcherView.of(watcher).status().get("byzantineEvents").get(0);
    open(site + "status", "watcher-status-invalid-exit");
    WebElement row = browser.findElement(By.cssSelector("#active-events tbody tr"));
    assertThat(row.findElement(By.className("event-type")).getText())
        .isEqualTo(event.get("type").asText())
        .isEqualTo("invalid_exit");
    assertThat(event.get("action").asText()).isEqualTo("challenge");
    assertThat(row.findElement(By.className("todo")).getText())
        .isEqualTo(StatusPage.WHAT_TO_DO.get("challenge"));
    assertThat(row.findElements(By.tagName("td")).get(2).getText())
        .contains("output " + event.get("utxoPos").asText());
    assertThat(row.findElements(By.tagName("td")).get(3).getText())
        .isEqualTo(event.get("reason").asText());
    open(site + "exits", "watcher-exits-invalid");
    WebElement invalid =
        browser.findElement(
            By.xpath("//table[@id='standard-exits']//tr[td[1]='" + DEPOSIT_1.toLong() + "']"));
    assertThat(invalid.findElements(By.tagName("td")).get(6).getText())
        .isEqualTo("invalid: to be challenged");
  }

  /** A new block appears on the open page without a reload. */
  private void followsNewBlocks(Scenario users, String site, Submitted paid) {
    open(site, "operator-before-new-block");
    ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
    Submitted second =
        users
            .operator()
            .submitWhenAccepted(users.transfer(ALICE, paid.output(1), eth(BOB, ONE_ETH)));
    await(
        "the open page to show block 2000",
        () -> !browser.findElements(By.cssSelector("#blocks tr[data-blknum='2000']")).isEmpty());
    assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
        .isEqualTo(true);
    screenshot("operator-after-new-block");
    open(site + "tx/" + second.txHash(), "operator-transaction-with-fee");
    assertThat(fact("Fee")).isEqualTo("0 ETH");
  }

  private void open(String url, String screenshot) {
    browser.get(url);
    screenshot(screenshot);
  }

  private void screenshot(String name) {
    screenshots.add(Chromium.screenshot(browser, name));
  }

  private void searchFor(String text) {
    WebElement page = browser.findElement(By.tagName("html"));
    WebElement box = browser.findElement(By.id("search"));
    box.clear();
    box.sendKeys(text, Keys.ENTER);
    await("the search to answer", () -> isStale(page));
  }

  private static boolean isStale(WebElement element) {
    try {
      element.getTagName();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    } catch (WebDriverException e) {
      // Chromium's "node does not belong to the document": the page was replaced meanwhile
      return e.getMessage().contains("does not belong to the document");
    }
  }

  private String title() {
    return browser.findElement(By.tagName("h1")).getText();
  }

  private String fact(String label) {
    return browser.findElement(By.cssSelector("dd[data-fact='" + label + "']")).getText().strip();
  }

  private void assertNoAlert() {
    try {
      browser.switchTo().alert();
      throw new AssertionError("a script from the query ran: an alert is open");
    } catch (NoAlertPresentException expected) {
      // the query stayed text
    }
  }
}
