package dev.alo.engine.sim;

import dev.alo.engine.balance.Backend;

/** The mutable state of one simulated server during a run (hidden from the balancer). */
final class ServerState {
  static final int PROVISIONING = 0;
  static final int UP = 1;
  static final int DOWN = 2;
  static final int DRAINING = 3;
  static final int RETIRED = 4;

  final int index;
  final ServerSpec spec;
  final Backend backend;
  final ServiceTime service;
  final double invSpeed;
  final int workers;
  final int queueCapacity;
  final IntRing queue = new IntRing();
  final SojournRecorder sojourns = new SojournRecorder();

  /** Per sample interval: busy-worker seconds and request seconds at the server; NaN: absent. */
  final DoubleList busySeries = new DoubleList();

  final DoubleList inFlightSeries = new DoubleList();

  int state;
  int busy;
  long requests;
  long completed;
  long dropped;
  long failed;
  int maxInFlight;
  double sumSojourn;
  double busyArea;
  double inFlightArea;
  double lastChange;
  double addedAt = Double.NaN;
  double removedAt = Double.NaN;
  double sampleBusyMark;
  double sampleInFlightMark;
  double controlBusyMark;

  ServerState(int index, ServerSpec spec, Backend backend) {
    this.index = index;
    this.spec = spec;
    this.backend = backend;
    this.service = spec.service();
    this.invSpeed = 1 / spec.speed();
    this.workers = spec.workers();
    this.queueCapacity = spec.queueCapacity();
  }

  int inFlight() {
    return busy + queue.size();
  }

  /** Brings the time integrals up to {@code now}; call before any change of busy or queue. */
  void touch(double now) {
    double dt = now - lastChange;
    if (dt > 0) {
      busyArea += busy * dt;
      inFlightArea += (busy + queue.size()) * dt;
      lastChange = now;
    }
  }

  boolean inPool() {
    return state == UP || state == DOWN || state == DRAINING;
  }
}
