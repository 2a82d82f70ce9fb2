package io.plasmanode.p2p.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.io.IOException;
import java.util.function.Function;

/**
 * The JSON form of core's values in the JSON-RPC APIs (docs/json-rpc.md): addresses, hashes and
 * signatures as lower-case 0x hex strings, utxo positions as decimal strings. Results are written
 * and read with it, so a server and its clients share one record per answer.
 */
public final class CoreValuesJsonModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  public CoreValuesJsonModule() {
    super("plasma-core-values");
    add(Address.class, Address::toHex, Address::fromHex);
    add(Hash32.class, Hash32::toHex, Hash32::fromHex);
    add(Signature.class, Signature::toHex, Signature::fromHex);
    add(UtxoPos.class, UtxoPos::toString, CoreValuesJsonModule::utxoPos);
  }

  private <T> void add(Class<T> type, Function<T, String> write, Function<String, T> read) {
    addSerializer(type, new TextSerializer<>(write));
    addDeserializer(type, new TextDeserializer<>(type, read));
  }

  private static UtxoPos utxoPos(String text) {
    try {
      return UtxoPos.fromLong(Long.parseLong(text))
          .orElseThrow(() -> new IllegalArgumentException("not a utxo position: " + text));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal utxo position: " + text, e);
    }
  }

  private static final class TextSerializer<T> extends JsonSerializer<T> {
    private final Function<T, String> write;

    TextSerializer(Function<T, String> write) {
      this.write = write;
    }

    @Override
    public void serialize(T value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(write.apply(value));
    }
  }

  private static final class TextDeserializer<T> extends JsonDeserializer<T> {
    private final Class<T> type;
    private final Function<String, T> read;

    TextDeserializer(Class<T> type, Function<String, T> read) {
      this.type = type;
      this.read = read;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        return type.cast(context.handleUnexpectedToken(type, parser));
      }
      String text = parser.getText();
      try {
        return read.apply(text);
      } catch (IllegalArgumentException e) {
        return type.cast(
            context.handleWeirdStringValue(type, text, "%s", String.valueOf(e.getMessage())));
      }
    }
  }
}
