package dev.alo.proxy.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/** Gathering received bytes until a whole head (or chunk line) has arrived. */
final class Cumulation {
  private Cumulation() {}

  /**
   * {@code held} followed by {@code in}, which is released (or becomes the result when nothing is
   * held). {@code held} is written to in place when it is ours alone and has room, else both are
   * copied into a new buffer from {@code alloc} and {@code held} is released.
   */
  static ByteBuf append(@Nullable ByteBuf held, ByteBuf in, ByteBufAllocator alloc) {
    if (held == null) {
      return in;
    }
    ByteBuf b = held;
    if (b.refCnt() > 1 || b.writableBytes() < in.readableBytes()) {
      ByteBuf merged = alloc.buffer(b.readableBytes() + in.readableBytes());
      merged.writeBytes(b);
      b.release();
      b = merged;
    }
    b.writeBytes(in);
    in.release();
    return b;
  }
}
