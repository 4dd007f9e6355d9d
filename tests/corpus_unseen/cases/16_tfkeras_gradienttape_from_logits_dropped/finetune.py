import numpy as np
import tensorflow as tf

NUM_CLASSES = 20
EPOCHS = 8

x_ft = np.load("data/field_images_32.npy").astype("float32") / 255.0
y_ft = tf.one_hot(np.load("data/field_labels.npy"), NUM_CLASSES)
ft_ds = tf.data.Dataset.from_tensor_slices((x_ft, y_ft)).shuffle(2048).batch(32)

model = tf.keras.models.load_model("models/coarse20_logits.keras", compile=False)

loss_fn = tf.keras.losses.CategoricalCrossentropy()
optimizer = tf.keras.optimizers.Adam(learning_rate=1e-4)
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
    for images, labels in ft_ds:
        loss = train_step(images, labels)
    print(f"ft epoch {epoch}: loss={float(loss):.4f} acc={float(acc.result()):.3f}")

model.save("models/coarse20_field.keras")
