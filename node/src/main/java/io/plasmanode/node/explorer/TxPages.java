package io.plasmanode.node.explorer;

import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.PaymentEip712;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.explorer.Layout.Fact;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredTransaction;
import io.plasmanode.storage.chain.TxLocation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A transaction ({@code plasma_getTransaction}: position, inputs, outputs, with the signers
 * recovered from its signatures and each output's status) and an output by its position.
 */
final class TxPages {
  private final ChainStore chain;
  private final Eip712Domain domain;
  private final SignerRecovery recovery;

  TxPages(ChainStore chain, Eip712Domain domain, SignerRecovery recovery) {
    this.chain = chain;
    this.domain = domain;
    this.recovery = recovery;
  }

  /** Transaction {@code txHash}'s page; false if no closed block holds it. */
  boolean transaction(Html html, Hash32 txHash) {
    Optional<StoredTransaction> found = chain.transaction(txHash);
    if (found.isEmpty()) {
      return false;
    }
    TxLocation location = found.get().location();
    SignedTransaction signed = decode(found.get());
    PaymentTransaction tx = signed.tx();
    long position =
        location.blknum() * UtxoPos.BLOCK_OFFSET + location.txindex() * UtxoPos.TX_OFFSET;
    List<Fact> facts = new ArrayList<>();
    facts.add(Fact.text("Hash", txHash.toHex()));
    facts.add(
        new Fact("Block", h -> h.link(Layout.blockPath(location.blknum()), location.blknum())));
    facts.add(Fact.text("Index", location.txindex()));
    facts.add(Fact.text("Position", position));
    facts.add(
        Fact.text(
            "Type",
            tx.isFeeClaim()
                ? "fee claim: the fees this block collected, to the claimer"
                : "payment"));
    if (!tx.isFeeClaim()) {
      facts.add(new Fact("Signers", h -> signers(h, signed)));
    }
    fee(tx).ifPresent(fee -> facts.add(new Fact("Fee", h -> fees(h, fee))));
    Layout.facts(html, "tx-facts", facts);
    inputs(html, tx);
    outputs(html, location, tx);
    return true;
  }

  private static SignedTransaction decode(StoredTransaction stored) {
    ValidationResult<SignedTransaction> decoded = stored.tx().decode();
    if (decoded instanceof ValidationResult.Invalid<SignedTransaction> invalid) {
      throw new IllegalStateException(
          "stored transaction at %s does not decode: %s".formatted(stored.location(), invalid));
    }
    return decoded.get();
  }

  private void signers(Html html, SignedTransaction signed) {
    Hash32 digest = PaymentEip712.signingHash(domain, signed.tx());
    html.open("ul", "class", "signers", "id", "signers");
    for (Signature signature : signed.signatures()) {
      html.open("li");
      Optional<Address> signer = recovery.recover(digest, signature);
      if (signer.isPresent()) {
        Layout.addressLink(html, signer.get());
      } else {
        html.text("invalid signature");
      }
      html.close("li");
    }
    html.close("ul");
  }

  private void inputs(Html html, PaymentTransaction tx) {
    html.element("h2", "Inputs");
    if (tx.inputs().isEmpty()) {
      Layout.none(html, "No inputs.");
      return;
    }
    Layout.tableStart(html, "tx-inputs", "Position", "Owner", "Token", "Amount");
    for (UtxoPos input : tx.inputs()) {
      html.open("tr").open("td").link(Layout.positionPath(input.toLong()), input.toLong());
      html.close("td");
      Optional<Output> spent = output(input);
      if (spent.isPresent()) {
        outputCells(html, spent.get());
      } else {
        html.element("td", "a deposit (its output is spent)", "colspan", "3");
      }
      html.close("tr");
    }
    Layout.tableEnd(html);
  }

  private void outputs(Html html, TxLocation location, PaymentTransaction tx) {
    html.element("h2", "Outputs");
    Layout.tableStart(html, "tx-outputs", "Position", "Owner", "Token", "Amount", "Status");
    List<Output> outputs = tx.outputs();
    for (int oindex = 0; oindex < outputs.size(); oindex++) {
      UtxoPos pos = new UtxoPos(location.blknum(), location.txindex(), oindex);
      html.open("tr").open("td").link(Layout.positionPath(pos.toLong()), pos.toLong());
      html.close("td");
      outputCells(html, outputs.get(oindex));
      html.open("td", "class", "status");
      status(html, pos);
      html.close("td").close("tr");
    }
    Layout.tableEnd(html);
  }

  private static void outputCells(Html html, Output output) {
    html.open("td");
    Layout.addressLink(html, output.owner());
    html.close("td").open("td");
    Layout.token(html, output.token());
    html.close("td").open("td");
    Layout.amount(html, output.token(), output.amount());
    html.close("td");
  }

  /** Output {@code pos}'s page; false if the chain has no output there. */
  boolean position(Html html, UtxoPos pos) {
    Optional<Output> output = output(pos);
    if (output.isEmpty()) {
      return false;
    }
    List<Fact> facts = new ArrayList<>();
    facts.add(Fact.text("Position", pos.toLong()));
    facts.add(
        new Fact(
            "Block",
            h -> {
              if (pos.isDeposit()) {
                h.text(pos.blknum() + " (a deposit)");
              } else {
                h.link(Layout.blockPath(pos.blknum()), pos.blknum());
              }
            }));
    if (!pos.isDeposit()) {
      chain
          .transaction(new TxLocation(pos.blknum(), pos.txindex()))
          .ifPresent(
              tx -> facts.add(new Fact("Transaction", h -> Layout.txLink(h, tx.tx().txHash()))));
    }
    facts.add(Fact.text("Output index", pos.oindex()));
    facts.add(new Fact("Owner", h -> Layout.addressLink(h, output.get().owner())));
    facts.add(new Fact("Token", h -> Layout.token(h, output.get().token())));
    facts.add(
        new Fact("Amount", h -> Layout.amount(h, output.get().token(), output.get().amount())));
    facts.add(new Fact("Status", h -> status(h, pos)));
    Layout.facts(html, "position-facts", facts);
    return true;
  }

  /** The output at {@code pos}: from its transaction, or, for a deposit, from the UTXO set. */
  private Optional<Output> output(UtxoPos pos) {
    if (!pos.isDeposit()) {
      return chain
          .transaction(new TxLocation(pos.blknum(), pos.txindex()))
          .map(TxPages::decode)
          .map(SignedTransaction::tx)
          .filter(tx -> pos.oindex() < tx.outputs().size())
          .map(tx -> tx.outputs().get(pos.oindex()));
    }
    return switch (chain.status(pos)) {
      case UtxoStatus.Unspent unspent -> Optional.of(unspent.output());
      case UtxoStatus.Exiting exiting -> Optional.of(exiting.output());
      case UtxoStatus.Spent spent -> Optional.empty();
      case UtxoStatus.Unknown unknown -> Optional.empty();
    };
  }

  private void status(Html html, UtxoPos pos) {
    switch (chain.status(pos)) {
      case UtxoStatus.Unspent unspent -> html.element("span", "unspent", "class", "status ok");
      case UtxoStatus.Exiting exiting ->
          html.element("span", "exiting (its exit started on L1)", "class", "status pending");
      case UtxoStatus.Spent spent -> {
        html.element("span", "spent", "class", "status");
        chain
            .spender(pos)
            .ifPresent(
                tx -> {
                  html.text(" by ");
                  Layout.txLink(html, tx.tx().txHash());
                });
      }
      case UtxoStatus.Unknown unknown -> html.element("span", "unknown", "class", "status");
    }
  }

  /**
   * What the inputs hold beyond the outputs, per token, when every input's output is known (spent
   * deposits are not): the fee the operator may take. Empty when it cannot be told.
   */
  private Optional<Map<Address, BigInteger>> fee(PaymentTransaction tx) {
    if (tx.inputs().isEmpty()) {
      return Optional.empty();
    }
    Map<Address, BigInteger> fee = new TreeMap<>();
    for (UtxoPos input : tx.inputs()) {
      Optional<Output> spent = output(input);
      if (spent.isEmpty()) {
        return Optional.empty();
      }
      fee.merge(spent.get().token(), spent.get().amount(), BigInteger::add);
    }
    for (Output output : tx.outputs()) {
      fee.merge(output.token(), output.amount().negate(), BigInteger::add);
    }
    return Optional.of(fee);
  }

  private static void fees(Html html, Map<Address, BigInteger> fee) {
    html.open("ul", "class", "fees", "id", "fee");
    fee.forEach(
        (token, amount) -> {
          html.open("li").element("span", Formats.amount(amount), "class", "amount").text(" ");
          Layout.token(html, token);
          html.close("li");
        });
    html.close("ul");
  }
}
