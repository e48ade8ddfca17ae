package dev.alo.engine.forecast;

/** The local regression smoother of STL (Cleveland et al. 1990): tricube weights, degree 0 or 1. */
final class Loess {
  private Loess() {}

  /**
   * The fit at position {@code x} (which may lie outside [0, n)) of a window of {@code q}
   * neighbours of {@code y[off], y[off + stride], ...} (n points); NaN when every weight is zero.
   */
  static double fitAt(double[] y, int off, int stride, int n, int q, int degree, double x) {
    int nleft;
    int nright;
    double h;
    if (q >= n) {
      nleft = 0;
      nright = n - 1;
      int extra = (q - n) / 2; // whole steps, as STL's Fortran
      h = Math.max(x, n - 1 - x) + extra;
    } else {
      int center = (int) Math.round(x);
      nleft = Math.max(0, Math.min(n - q, center - (q - 1) / 2));
      nright = nleft + q - 1;
      h = Math.max(x - nleft, nright - x);
    }
    double h9 = 0.999 * h;
    double h1 = 0.001 * h;
    double sw = 0;
    double swx = 0;
    int lo = nleft;
    int hi = nright;
    double[] w = new double[hi - lo + 1];
    for (int j = lo; j <= hi; j++) {
      double r = Math.abs(j - x);
      double wj;
      if (r <= h1) {
        wj = 1;
      } else if (r <= h9) {
        double u = r / h;
        double c = 1 - u * u * u;
        wj = c * c * c;
      } else {
        wj = 0;
      }
      w[j - lo] = wj;
      sw += wj;
      swx += wj * j;
    }
    if (sw <= 0) {
      return Double.NaN;
    }
    if (degree > 0) {
      double a = swx / sw;
      double b = 0;
      for (int j = lo; j <= hi; j++) {
        double d = j - a;
        b += w[j - lo] / sw * d * d;
      }
      if (Math.sqrt(b) > 0.001 * (n - 1)) {
        double c = (x - a) / b;
        double s = 0;
        double ws = 0;
        for (int j = lo; j <= hi; j++) {
          double wj = w[j - lo] / sw * (1 + c * (j - a));
          s += wj * y[off + j * stride];
          ws += wj;
        }
        return ws == 0 ? Double.NaN : s;
      }
    }
    double s = 0;
    for (int j = lo; j <= hi; j++) {
      s += w[j - lo] * y[off + j * stride];
    }
    return s / sw;
  }

  /**
   * Smooths n points of a strided view at positions 0..n−1, fitting every {@code jump}-th position
   * and the last one, and interpolating linearly between; writes out[outOff + i * outStride].
   */
  static void smooth(
      double[] y,
      int off,
      int stride,
      int n,
      int q,
      int degree,
      int jump,
      double[] out,
      int outOff,
      int outStride) {
    if (n == 1) {
      out[outOff] = y[off];
      return;
    }
    int step = Math.max(1, Math.min(jump, n - 1));
    int prev = -1;
    double prevV = 0;
    for (int i = 0; ; i += step) {
      int pos = Math.min(i, n - 1);
      double v = fitAt(y, off, stride, n, q, degree, pos);
      if (Double.isNaN(v)) {
        v = y[off + pos * stride];
      }
      out[outOff + pos * outStride] = v;
      if (prev >= 0) {
        for (int k = prev + 1; k < pos; k++) {
          double t = (double) (k - prev) / (pos - prev);
          out[outOff + k * outStride] = prevV + t * (v - prevV);
        }
      }
      prev = pos;
      prevV = v;
      if (pos == n - 1) {
        break;
      }
    }
  }
}
