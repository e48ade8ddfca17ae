package dev.alo.engine.balance;

import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class KeyHashTest {

  @Test
  void bytes_publishedXxh64Vectors_match() {
    assertThat(KeyHash.bytes(new byte[0])).isEqualTo(0xEF46DB3751D8E999L);
    assertThat(KeyHash.bytes("a".getBytes(UTF_8))).isEqualTo(0xD24EC4F1A98C6E5BL);
    assertThat(KeyHash.bytes("abc".getBytes(UTF_8))).isEqualTo(0x44BC2CF5AD770999L);
    assertThat(KeyHash.bytes("Nobody inspects the spammish repetition".getBytes(UTF_8)))
        .isEqualTo(0xFBCEA83C8A378BF1L);
  }

  @Property(tries = 200)
  void chars_equalsTheHashOfTheUtf16LeBytes(@ForAll String text) {
    assertThat(KeyHash.chars(text)).isEqualTo(KeyHash.bytes(text.getBytes(UTF_16LE)));
  }

  @Property(tries = 200)
  void bytes_rangeEqualsTheHashOfTheCopiedRange(
      @ForAll byte[] bytes, @ForAll int a, @ForAll int b) {
    int from = Math.floorMod(a, bytes.length + 1);
    int to = from + Math.floorMod(b, bytes.length - from + 1);
    byte[] copy = java.util.Arrays.copyOfRange(bytes, from, to);
    assertThat(KeyHash.bytes(bytes, from, to - from)).isEqualTo(KeyHash.bytes(copy));
  }

  @Property(tries = 200)
  void ipv4_equalsTheHashOfTheFourAddressBytes(@ForAll int address) {
    byte[] bytes = {
      (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
    };
    assertThat(KeyHash.ipv4(address)).isEqualTo(KeyHash.bytes(bytes));
  }

  @Test
  void bytes_badRange_isRefused() {
    assertThatThrownBy(() -> KeyHash.bytes(new byte[4], 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void mix_consecutiveNumbers_spreadOverTheHighBits() {
    Set<Long> top = new HashSet<>();
    for (long i = 0; i < 1000; i++) {
      top.add(KeyHash.mix(i) >>> 54); // 1024 buckets
    }
    assertThat(top.size()).isGreaterThan(550); // ~632 expected for uniform values
  }
}
