package io.plasmanode.p2p.sync;

import io.plasmanode.core.types.Address;
import io.plasmanode.p2p.sync.SyncMessage.Hello;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** A hand-driven peer on a plain socket: sends any bytes, reads frames, sees the close. */
final class RawPeer implements AutoCloseable {
  private static final int READ_TIMEOUT_MILLIS = 5_000;

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  RawPeer(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  /** Reads the node's Hello and answers with a matching one (not listening, at {@code height}). */
  Hello handshake(long chainId, Address contract, long height) throws IOException {
    Hello theirs = (Hello) read();
    send(new Hello(HandshakeHandler.PROTOCOL_VERSION, chainId, contract, 42, 0, height));
    return theirs;
  }

  /** "127.0.0.1:port" of this end: the name the node scores it by. */
  String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  void send(SyncMessage message) throws IOException {
    byte[] body = SyncWire.encode(message);
    out.writeInt(body.length);
    out.write(body);
    out.flush();
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  SyncMessage read() throws IOException {
    int length = in.readInt();
    byte[] body = new byte[length];
    in.readFully(body);
    return SyncWire.decode(body);
  }

  /** Reads the next message that is not a Ping. */
  SyncMessage readSkippingPings() throws IOException {
    while (true) {
      SyncMessage message = read();
      if (!(message instanceof SyncMessage.Ping)) {
        return message;
      }
    }
  }

  /** True when the node closes the connection within the read timeout. */
  boolean isClosedByNode() throws IOException {
    try {
      while (true) {
        read();
      }
    } catch (EOFException | SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
