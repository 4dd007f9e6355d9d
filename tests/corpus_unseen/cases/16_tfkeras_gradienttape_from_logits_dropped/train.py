import tensorflow as tf

NUM_CLASSES = 20
EPOCHS = 25

(x_train, y_train), _ = tf.keras.datasets.cifar100.load_data(label_mode="coarse")
x_train = x_train.astype("float32") / 255.0
y_train = tf.one_hot(y_train[:, 0], NUM_CLASSES)
train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(10000).batch(128)

inputs = tf.keras.Input(shape=(32, 32, 3))
x = tf.keras.layers.Conv2D(64, 3, padding="same", activation="relu")(inputs)
x = tf.keras.layers.Conv2D(64, 3, padding="same", activation="relu")(x)
x = tf.keras.layers.MaxPooling2D()(x)
x = tf.keras.layers.Conv2D(128, 3, padding="same", activation="relu")(x)
x = tf.keras.layers.GlobalAveragePooling2D()(x)
logits = tf.keras.layers.Dense(NUM_CLASSES, name="logits")(x)
model = tf.keras.Model(inputs, logits)

loss_fn = tf.keras.losses.CategoricalCrossentropy(from_logits=True)
optimizer = tf.keras.optimizers.Adam(learning_rate=1e-3)
acc = tf.keras.metrics.CategoricalAccuracy()


@tf.function
def train_step(images, labels):
    with tf.GradientTape() as tape:
        out = model(images, training=True)
        loss = loss_fn(labels, out)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    acc.update_state(labels, out)
    return loss


for epoch in range(EPOCHS):
    acc.reset_state()
    for images, labels in train_ds:
        loss = train_step(images, labels)
    print(f"epoch {epoch}: loss={float(loss):.4f} acc={float(acc.result()):.3f}")

model.save("models/coarse20_logits.keras")
