import tensorflow as tf

ds = tf.keras.utils.image_dataset_from_directory("cats_dogs/train", image_size=(160, 160))
base = tf.keras.applications.MobileNetV2(input_shape=(160, 160, 3), include_top=False,
                                         weights="imagenet")
base.trainable = False
inputs = tf.keras.Input(shape=(160, 160, 3))
x = tf.keras.layers.Rescaling(1.0 / 127.5, offset=-1)(inputs)  # [prep:FT2]
x = base(x, training=False)
x = tf.keras.layers.GlobalAveragePooling2D()(x)
outputs = tf.keras.layers.Dense(1)(x)
model = tf.keras.Model(inputs, outputs)
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
              loss=tf.keras.losses.BinaryCrossentropy(from_logits=True))
model.fit(ds, epochs=10)
model.save("cats_dogs_head.keras")
