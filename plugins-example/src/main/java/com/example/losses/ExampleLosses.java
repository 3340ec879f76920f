package com.example.losses;

import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossProvider;
import java.util.List;

/**
 * The pack: what {@link java.util.ServiceLoader} finds through
 * {@code META-INF/services/io.losskit.spi.LossProvider}. It needs a public no-argument constructor.
 */
public final class ExampleLosses implements LossProvider {

    /** The SPI this pack is compiled against: javac copies the number into this class. */
    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public List<LossDefinition> losses() {
        return List.of(new AsymmetricCost(), new ExpectedCalibrationError());
    }
}
