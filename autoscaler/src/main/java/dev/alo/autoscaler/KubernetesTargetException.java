package dev.alo.autoscaler;

/**
 * A Kubernetes target could not read or scale its Deployment; the message is one line naming the
 * namespace, the Deployment and the cause (when forbidden, the RBAC it needs).
 */
public final class KubernetesTargetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String detail;

  public KubernetesTargetException(String message) {
    super(message);
    this.detail = message;
  }

  /** The message, never null. */
  public String detail() {
    return detail;
  }
}
