package dev.alo.engine.anomaly;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An isolation forest (Liu, Ting and Zhou, 2008): random axis-parallel splits isolate unusual rows
 * in few steps. The score of a row is {@code 2^(-E[h]/c(psi))} in (0, 1]; near 1 is anomalous,
 * about 0.5 or less is normal. Deterministic for a given seed.
 */
final class IsolationForest {
  private final Tree[] trees;
  private final double norm;

  private IsolationForest(Tree[] trees, int sampleSize) {
    this.trees = trees;
    this.norm = averagePath(sampleSize);
  }

  /**
   * Grows {@code treeCount} trees, each on {@code sampleSize} rows drawn without replacement (all
   * rows when fewer).
   */
  static IsolationForest fit(double[][] rows, int treeCount, int sampleSize, long seed) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("no rows to fit");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int psi = Math.min(sampleSize, rows.length);
    int heightLimit = (int) Math.ceil(Math.log(Math.max(psi, 2)) / Math.log(2));
    Tree[] trees = new Tree[treeCount];
    int[] idx = new int[rows.length];
    for (int k = 0; k < treeCount; k++) {
      for (int i = 0; i < idx.length; i++) {
        idx[i] = i;
      }
      for (int i = 0; i < psi; i++) {
        int j = i + rnd.nextInt(idx.length - i);
        int tmp = idx[i];
        idx[i] = idx[j];
        idx[j] = tmp;
      }
      int[] sample = Arrays.copyOf(idx, psi);
      Tree tree = new Tree(2 * psi);
      tree.grow(rows, sample, 0, psi, 0, heightLimit, rnd);
      trees[k] = tree;
    }
    return new IsolationForest(trees, psi);
  }

  double score(double[] row) {
    double sum = 0;
    for (Tree t : trees) {
      sum += t.pathLength(row);
    }
    return Math.pow(2, -(sum / trees.length) / norm);
  }

  /** c(n): the average path length of an unsuccessful search in a binary search tree. */
  static double averagePath(int n) {
    if (n <= 1) {
      return 0;
    }
    if (n == 2) {
      return 1;
    }
    double harmonic = Math.log(n - 1.0) + 0.5772156649015329;
    return 2 * harmonic - 2.0 * (n - 1) / n;
  }

  /** One tree in flat arrays; a node with feature -1 is a leaf holding {@code size} rows. */
  private static final class Tree {
    private final int[] feature;
    private final double[] split;
    private final int[] left;
    private final int[] right;
    private final int[] size;
    private int nodes;

    Tree(int capacity) {
      feature = new int[capacity];
      split = new double[capacity];
      left = new int[capacity];
      right = new int[capacity];
      size = new int[capacity];
    }

    int grow(
        double[][] rows, int[] idx, int from, int to, int depth, int limit, SplittableRandom rnd) {
      int node = nodes++;
      int n = to - from;
      size[node] = n;
      feature[node] = -1;
      if (n <= 1 || depth >= limit) {
        return node;
      }
      int features = rows[idx[from]].length;
      // Pick a feature at random among those that vary within this node.
      int start = rnd.nextInt(features);
      for (int f0 = 0; f0 < features; f0++) {
        int f = (start + f0) % features;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
          double v = rows[idx[i]][f];
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        if (max > min) {
          double cut = Math.max(min + rnd.nextDouble() * (max - min), Math.nextUp(min));
          int mid = from;
          for (int i = from; i < to; i++) {
            if (rows[idx[i]][f] < cut) {
              int tmp = idx[i];
              idx[i] = idx[mid];
              idx[mid] = tmp;
              mid++;
            }
          }
          feature[node] = f;
          split[node] = cut;
          left[node] = grow(rows, idx, from, mid, depth + 1, limit, rnd);
          right[node] = grow(rows, idx, mid, to, depth + 1, limit, rnd);
          return node;
        }
      }
      return node;
    }

    double pathLength(double[] row) {
      int node = 0;
      int depth = 0;
      while (feature[node] >= 0) {
        node = row[feature[node]] < split[node] ? left[node] : right[node];
        depth++;
      }
      return depth + averagePath(size[node]);
    }
  }
}
