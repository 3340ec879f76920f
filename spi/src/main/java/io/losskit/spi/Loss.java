package io.losskit.spi;

/**
 * A configured loss, ready to consume samples. It takes one of three shapes.
 *
 * @see PerSampleLoss
 * @see AggregateLoss
 * @see BatchLoss
 */
public sealed interface Loss permits PerSampleLoss, AggregateLoss, BatchLoss {
}
