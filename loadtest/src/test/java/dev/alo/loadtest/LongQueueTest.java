package dev.alo.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class LongQueueTest {

  @Property(tries = 50)
  void addAndPoll_behaveLikeAFifo_acrossGrowthAndWrapAround(
      @ForAll @Size(max = 400) List<@IntRange(min = -1, max = 3) Integer> ops) {
    LongQueue q = new LongQueue();
    ArrayDeque<Long> model = new ArrayDeque<>();
    long next = 0;
    for (int op : ops) {
      if (op < 0 && !model.isEmpty()) {
        assertThat(q.poll()).isEqualTo(model.pollFirst());
      } else {
        // Mostly adds, so that the ring grows while its head is not at 0.
        for (int i = 0; i <= op; i++) {
          q.add(next);
          model.addLast(next++);
        }
      }
      assertThat(q.size()).isEqualTo(model.size());
      assertThat(q.isEmpty()).isEqualTo(model.isEmpty());
    }
    while (!model.isEmpty()) {
      assertThat(q.poll()).isEqualTo(model.pollFirst());
    }
    assertThatThrownBy(q::poll).isInstanceOf(NoSuchElementException.class);
  }
}
