package io.plasmanode.node.cli;

import java.io.Console;
import java.util.Optional;

/** Asks a person for a password without echoing it; empty when nobody can be asked. */
@FunctionalInterface
public interface PasswordPrompt {
  Optional<char[]> ask(String prompt);

  /** Nobody to ask (scripts, tests): passwords must come from a file or the environment. */
  PasswordPrompt NONE = prompt -> Optional.empty();

  /** The process console when stdin and stdout are a terminal, else {@link #NONE}. */
  static PasswordPrompt console() {
    Console console = System.console();
    if (console == null) {
      return NONE;
    }
    return prompt -> Optional.ofNullable(console.readPassword("%s", prompt));
  }
}
