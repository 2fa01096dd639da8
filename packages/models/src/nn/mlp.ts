import * as tf from "@tensorflow/tfjs";

export interface MlpSpec {
  inputDim: number;
  /** Units of the hidden ReLU layers. */
  hidden: number[];
  outputs: number;
  /** softmax: one class per row (classifier); sigmoid: independent labels (extractor). */
  output: "softmax" | "sigmoid";
  seed: number;
}

/** A dense network whose saved form is a plain LayersModel (input → Dense… → probabilities). */
export interface Mlp {
  model: tf.LayersModel;
  /** Hidden layers then the final linear layer (logits), for the training forward pass. */
  layers: tf.layers.Layer[];
}

/**
 * Build a seeded MLP. Only dense layers: they train on the wasm backend (embedding and conv
 * gradients do not, see STACK.md). Dropout is applied by the training loop with masks from the
 * seeded generator (tfjs' dropout draws from an unseeded source), so it has no layer here.
 */
export function buildMlp(spec: MlpSpec): Mlp {
  const input = tf.input({ shape: [spec.inputDim], name: "features" });
  const layers: tf.layers.Layer[] = [];
  let x: tf.SymbolicTensor = input;
  spec.hidden.forEach((units, i) => {
    const layer = tf.layers.dense({
      units,
      activation: "relu",
      kernelInitializer: tf.initializers.heUniform({ seed: spec.seed * 31 + i + 1 }),
      biasInitializer: "zeros",
      name: `hidden_${i}`,
    });
    layers.push(layer);
    x = layer.apply(x) as tf.SymbolicTensor;
  });
  const logits = tf.layers.dense({
    units: spec.outputs,
    activation: "linear",
    kernelInitializer: tf.initializers.glorotUniform({ seed: spec.seed * 31 + 997 }),
    biasInitializer: "zeros",
    name: "logits",
  });
  layers.push(logits);
  const out = tf.layers
    .activation({ activation: spec.output, name: "probabilities" })
    .apply(logits.apply(x)) as tf.SymbolicTensor;
  return { model: tf.model({ inputs: input, outputs: out }), layers };
}

/** The layers of a loaded model, found by name, so training can continue or inspect them. */
export function mlpFromModel(model: tf.LayersModel): Mlp {
  const layers = model.layers.filter((l) => l.name.startsWith("hidden_") || l.name === "logits");
  return { model, layers };
}
