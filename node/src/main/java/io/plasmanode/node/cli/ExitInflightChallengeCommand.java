package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.rpc.InFlightRpcResults.CompetitorResult;
import io.plasmanode.node.rpc.RpcResults.ExitData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code plasma exit inflight challenge}: shows a competitor of an in-flight exit's input. */
@Command(
    name = "challenge",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Challenges the canonicity of the in-flight exit of --tx with a competitor: another"
          + " transaction signed by the owner of one of its inputs that spends that input too. By"
          + " default the oldest competitor the watcher knows (watcher_getInFlightExitCompetitor),"
          + " checked here before it is sent; or --competitor, included at --competitor-pos"
          + " (default: where the operator accepted it, from the wallet's record; proof from the"
          + " watcher), else shown as in flight (younger than any block). The exit becomes"
          + " non-canonical (its inputs' piggybacks are paid, not its outputs) and its bond"
          + " becomes yours unless a response shows --tx included earlier.",
      "Phase 1 only; each competitor must be older than the last one shown."
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class ExitInflightChallengeCommand extends InFlightTxCommand {
  @Option(
      names = "--competitor",
      paramLabel = "TX",
      description =
          "The competing transaction: its hash (wallet or L1), or its signed hex (default: the"
              + " watcher's).")
  String competitor;

  @Option(
      names = "--competitor-pos",
      paramLabel = "POS",
      converter = ExitIdConverter.class,
      description = "Where the competitor is included: blknum * 1000000 + txIndex * 10.")
  UtxoPos competitorPos;

  @Mixin WatcherOptions watcher;

  /** The exit's input {@code inputIndex} is the competitor's input {@code competitorIndex}. */
  private record SharedInput(int inputIndex, int competitorIndex) {}

  @Override
  protected void checkArguments() {
    if (competitorPos != null && competitor == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--competitor-pos goes with --competitor (the watcher's competitor comes with its"
              + " position)");
    }
    if (competitorPos != null && competitorPos.oindex() != 0) {
      throw new ParameterException(
          spec.commandLine(), "--competitor-pos is a transaction's position: its oindex must be 0");
    }
  }

  @Override
  protected void run(ExitL1 session, ExitingTx exiting, PrivateKey key) {
    InFlightExitView view = view(session, exiting);
    NonCanonicalChallenge challenge =
        competitor == null
            ? fromWatcher(session, exiting, view)
            : given(session, view, exiting, resolve(session, competitor));
    checkOlder(view.state(), challenge.competitorInclusion(), competitor == null);
    Hash32 l1Tx = session.chain().challengeInFlightExitNotCanonical(challenge);
    report(exiting, challenge, session.receipt(l1Tx));
  }

  /** The watcher's oldest competitor, checked against the exit. */
  private NonCanonicalChallenge fromWatcher(
      ExitL1 session, ExitingTx exiting, InFlightExitView view) {
    CompetitorResult answer;
    try (WatcherClient client = watcher.client()) {
      answer = client.inFlightCompetitor(exiting.txBytes());
    }
    return answers(session).competitor(exiting.txBytes(), view.state(), answer);
  }

  private InFlightChallengeAnswers answers(ExitL1 session) {
    return new InFlightChallengeAnswers(
        new Eip712Domain(session.chain().contractAddress(), session.chainId()),
        new BouncyCastleSignerRecovery(),
        "the watcher at " + watcher.watcher());
  }

  /** {@code --competitor}, checked against the exit. */
  private NonCanonicalChallenge given(
      ExitL1 session, InFlightExitView view, ExitingTx exiting, ExitingTx rival) {
    SharedInput shared = sharedInput(exiting, rival);
    checkSigner(session, view, rival, shared);
    return new NonCanonicalChallenge(
        Bytes.of(exiting.txBytes()),
        shared.inputIndex(),
        Bytes.of(rival.txBytes()),
        shared.competitorIndex(),
        inclusion(rival),
        rival.signed().signatures().get(shared.competitorIndex()));
  }

  private static InFlightExitView view(ExitL1 session, ExitingTx exiting) {
    InFlightExitState state =
        session
            .chain()
            .inFlightExit(exiting.exitId())
            .filter(InFlightExitState::isActive)
            .orElseThrow(
                () ->
                    new CliException(
                        "transaction %s has no active in-flight exit on L1 (InFlightExitNotActive)"
                            .formatted(exiting.txHash())));
    InFlightExitView view =
        new InFlightExitView(state, exiting.tx(), session.chain().minExitPeriod(), session.now());
    if (!view.inPhaseOne()) {
      throw new CliException(
          ("phase 1 of the exit ended %s: canonicity challenges are accepted only in the first"
                  + " half of the exit period (PhaseOneOver)")
              .formatted(ExitTimes.describe(view.phaseOneEnd(), view.now())));
    }
    return view;
  }

  private static SharedInput sharedInput(ExitingTx exiting, ExitingTx rival) {
    if (rival.txHash().equals(exiting.txHash())) {
      throw new CliException("the competitor is the exit's own transaction (SameTx)");
    }
    List<UtxoPos> inputs = exiting.tx().inputs();
    for (int i = 0; i < inputs.size(); i++) {
      int j = rival.tx().inputs().indexOf(inputs.get(i));
      if (j >= 0) {
        return new SharedInput(i, j);
      }
    }
    throw new CliException(
        "the competitor %s spends none of the exit's inputs %s: it competes with nothing"
            .formatted(rival.txHash(), inputs));
  }

  /** The competitor's signature of the shared input must be that input's owner's. */
  private static void checkSigner(
      ExitL1 session, InFlightExitView view, ExitingTx rival, SharedInput shared) {
    Address owner = view.inputOwner(shared.inputIndex()).orElseThrow();
    Eip712Domain domain = new Eip712Domain(session.chain().contractAddress(), session.chainId());
    ValidationResult<List<Address>> signers =
        new SignatureChecker(domain, new BouncyCastleSignerRecovery())
            .recoverSigners(rival.signed());
    Optional<Address> signer =
        signers.isValid()
            ? Optional.of(signers.get().get(shared.competitorIndex()))
            : Optional.empty();
    if (signer.filter(owner::equals).isEmpty()) {
      throw new CliException(
          ("the competitor's signature of its input %d is not from %s, the owner of the exit's"
                  + " input %d, for this contract and chain: the contract would refuse it")
              .formatted(shared.competitorIndex(), owner, shared.inputIndex()));
    }
  }

  /** Where the competitor is included, with the watcher's proof; empty: shown as in flight. */
  private Optional<TxInclusion> inclusion(ExitingTx rival) {
    Optional<UtxoPos> position =
        Optional.ofNullable(competitorPos)
            .or(
                () ->
                    rival
                        .recorded()
                        .flatMap(sent -> sent.acceptance())
                        .map(accepted -> new UtxoPos(accepted.blknum(), accepted.txIndex(), 0)));
    if (position.isEmpty()) {
      return Optional.empty();
    }
    ExitData data;
    try (WatcherClient client = watcher.client()) {
      data = client.exitData(position.get());
    }
    if (!Keccak.keccak256(data.txBytes()).equals(rival.txHash())) {
      throw new CliException(
          "the watcher at %s has another transaction at %s, not %s: check --competitor-pos"
              .formatted(watcher.watcher(), position.get(), rival.txHash()));
    }
    return Optional.of(TxInclusion.of(position.get(), data.proof()));
  }

  private static void checkOlder(
      InFlightExitState state, Optional<TxInclusion> inclusion, boolean watchers) {
    if (state.oldestCompetitor().isEmpty()) {
      return;
    }
    Optional<UtxoPos> known = state.oldestCompetitor().get().txPos();
    boolean older =
        inclusion.isPresent()
            && known.map(pos -> inclusion.get().txPos().compareTo(pos) < 0).orElse(true);
    if (!older) {
      throw new CliException(
          ("the competitor (%s) is not older than the oldest one shown already (%s): the"
                  + " contract would refuse it (CompetitorNotOlder)%s")
              .formatted(
                  inclusion.map(i -> "at " + i.txPos()).orElse("in flight"),
                  known.map(pos -> "at " + pos).orElse("in flight"),
                  watchers
                      ? "; the exit is non-canonical already and the watcher knows no older one"
                      : ""));
    }
  }

  private void report(ExitingTx exiting, NonCanonicalChallenge challenge, ExitL1.Receipt receipt) {
    Hash32 rival = Keccak.keccak256(challenge.competingTx().toArray());
    Optional<TxInclusion> inclusion = challenge.competitorInclusion();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("exitId", exiting.exitId().toString());
    json.put("txHash", exiting.txHash().toHex());
    json.put("competitorHash", rival.toHex());
    json.put("inputIndex", challenge.inputIndex());
    inclusion.ifPresent(i -> json.put("competitorPos", i.txPos().toString()));
    json.put("l1TxHash", receipt.txHash().toHex());
    json.put("l1Block", receipt.block());
    print(
        ("challenged in-flight exit %s: competitor %s (%s) spends its input %d; the exit is"
                + " non-canonical now, and its bond is yours unless a response shows %s included"
                + " earlier%n  L1 tx: %s (block %d)")
            .formatted(
                exiting.exitId(),
                rival,
                inclusion.map(i -> "included at " + i.txPos()).orElse("in flight"),
                challenge.inputIndex(),
                exiting.txHash(),
                receipt.txHash(),
                receipt.block()),
        json);
  }
}
