/** Test support for loss packs: run a loss through the evaluation kernel as losskit does. */
module io.losskit.testkit {
    requires transitive io.losskit.core;
    exports io.losskit.testkit;
}
