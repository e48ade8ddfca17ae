package dev.alo.engine.forecast.prophet;

import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void scratch() throws Exception {
    ReferenceData.Table in =
        ReferenceData.read(ReferenceData.shared().resolve("datasets/nab/Twitter_volume_AAPL.csv"));
    java.util.TreeMap<Long, double[]> b = new java.util.TreeMap<>();
    double[] v = in.column("value");
    for (int i = 0; i < v.length; i++) {
      long h = Math.floorDiv(in.ds()[i], 3600000L) * 3600000L;
      double[] a = b.computeIfAbsent(h, k -> new double[2]);
      a[0] += v[i];
      a[1]++;
    }
    long[] ms = new long[1000];
    double[] y = new double[1000];
    int i = 0;
    for (var e : b.entrySet()) {
      if (i == 1000) break;
      ms[i] = e.getKey();
      y[i] = e.getValue()[0] / e.getValue()[1];
      i++;
    }
    long[] fut = new long[24];
    for (int h = 0; h < 24; h++) fut[h] = ms[999] + (h + 1) * 3600000L;
    double[] fits = new double[200];
    double[] preds = new double[200];
    for (int rep = 0; rep < 200; rep++) {
      long t0 = System.nanoTime();
      FittedProphet f = ProphetModel.withDefaults().fit(ms, y);
      long t1 = System.nanoTime();
      f.predict(fut);
      long t2 = System.nanoTime();
      fits[rep] = (t1 - t0) / 1e6;
      preds[rep] = (t2 - t1) / 1e6;
    }
    java.util.Arrays.sort(fits);
    java.util.Arrays.sort(preds);
    System.out.printf(
        "fit median %.2f min %.2f predict median %.2f min %.2f%n",
        fits[100], fits[0], preds[100], preds[0]);
  }
}
